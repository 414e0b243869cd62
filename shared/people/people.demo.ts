/**
 * Demo data of the people module, entered through the services exactly as a user would:
 * departments, employees with managers and salaries, structures assigned, leave allocated,
 * shift types, a project with tasks. (Payroll runs are left for the user to create.)
 */
import type { Session } from '../kernel/session';
import type { CompanySetupOptions } from '../kernel/hooks';
import type { BaseRecord } from '../kernel/doctype';
import { createDoc } from '../kernel/docs.service';
import { D } from '../kernel/money';
import { allocateLeave } from './leave.service';

export async function seedPeopleDemo(s: Session, opts: CompanySetupOptions): Promise<void> {
  const zh = opts.language === 'zh-CN';
  const year = Number(s.localDate().slice(0, 4));
  const one = async (table: string, number: string) => (await s.db.t<BaseRecord>(table).where('number').equals(number).first())!;
  const ops = await createDoc(s, 'Department', { departmentName: zh ? '运营部' : 'Operations' });
  const sales = await createDoc(s, 'Department', { departmentName: zh ? '销售部' : 'Sales', parentDepartment: ops.id });
  const policy = opts.country === 'CN' ? (await one('si_policies', 'CN-DEFAULT'))?.id ?? '' : '';
  const people: [string, string, string, string, string][] = [
    ['Li Wei', '李伟', 'General manager', '45000.00', ops.id],
    ['Wang Fang', '王芳', 'Sales manager', '22000.00', sales.id],
    ['Zhang Min', '张敏', 'Sales representative', '9500.00', sales.id],
    ['Chen Jie', '陈杰', 'Sales representative', '8800.00', sales.id],
    ['Liu Yang', '刘洋', 'Warehouse clerk', '6500.00', ops.id],
  ];
  const ids: string[] = [];
  for (const [i, [en, cn, position, salary, dept]] of people.entries()) {
    const e = await createDoc(s, 'Employee', {
      fullName: zh ? cn : en, position, department: dept, hireDate: `${year - 1 - (i % 3)}-0${(i % 8) + 1}-01`, baseSalary: salary,
      costRate: new D(salary).div(174).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2), manager: i === 0 ? '' : i < 2 ? ids[0] : ids[1], siPolicy: policy,
      additionalDeductions: i % 2 ? '2000.00' : '0', idNumber: `31010119900101${String(1000 + i)}`, bankName: zh ? '招商银行' : 'China Merchants Bank', bankAccount: `6225 8801 0000 ${String(1000 + i)}`,
    });
    ids.push(e.id);
  }
  const structure = await one('salary_structures', 'Standard');
  for (const id of ids) await createDoc(s, 'SalaryStructureAssignment', { employee: id, salaryStructure: structure.id, effectiveFrom: `${year - 3}-01-01` });
  await allocateLeave(s, { year, leaveType: (await one('leave_types', 'ANNUAL')).id, days: 10 });
  await createDoc(s, 'ShiftType', { code: 'DAY', shiftName: zh ? '白班' : 'Day shift', startTime: '09:00', endTime: '18:00', graceMinutes: 5 });
  await createDoc(s, 'ShiftType', { code: 'LATE', shiftName: zh ? '晚班' : 'Late shift', startTime: '13:00', endTime: '22:00', graceMinutes: 5 });
  const proj = await createDoc(s, 'Project', { projectName: zh ? '新门店开业' : 'New store opening', projectState: 'proj_open', startDate: `${year}-01-01` });
  const tasks: [string, string, string][] = [['Fit-out', '装修', 'task_doing'], ['Hire staff', '招聘员工', 'task_todo'], ['Stock shelves', '商品上架', 'task_todo']];
  for (const [i, [en, cn, state]] of tasks.entries()) await createDoc(s, 'Task', { subject: zh ? cn : en, project: proj.id, assignee: ids[1 + i], taskState: state });
}
