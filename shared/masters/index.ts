/**
 * Masters module: registers customers, suppliers and items, and their demo data.
 */
import { registerDocType, registerModule } from '../kernel/registry';
import { registerCompanyHook } from '../kernel/hooks';
import { createDoc } from '../kernel/docs.service';
import { Customer, Supplier, Item } from './masters.doctypes';
import { demoCustomers, demoItems, demoSuppliers } from './masters.demo';

registerModule({ id: 'masters', order: 10, icon: 'database' });
registerDocType(Customer);
registerDocType(Supplier);
registerDocType(Item);

registerCompanyHook({
  module: 'masters',
  order: 10,
  async seedDemo(s, opts) {
    const zh = opts.language === 'zh-CN';
    for (const c of demoCustomers(zh)) await createDoc(s, 'Customer', c);
    for (const c of demoSuppliers(zh)) await createDoc(s, 'Supplier', c);
    for (const i of demoItems(zh)) await createDoc(s, 'Item', i);
  },
});

export { Customer, Supplier, Item };
