/** Icon names used in module and document type declarations, mapped to Tabler icons. */
import type { ComponentType } from 'react';
import {
  IconAddressBook, IconBook, IconBox, IconBuildingFactory, IconCash, IconDatabase, IconFileText, IconPackage, IconReceipt,
  IconShoppingCart, IconTruck, IconUserCircle, IconUsers, IconUsersGroup, IconChartBar, IconBuildingWarehouse, IconTargetArrow,
  IconArrowsExchange,
} from '@tabler/icons-react';

type IconC = ComponentType<{ size?: number | string; stroke?: number }>;

const ICONS: Record<string, IconC> = {
  database: IconDatabase, users: IconUsers, truck: IconTruck, package: IconPackage, book: IconBook, books: IconBook,
  box: IconBox, stock: IconBuildingWarehouse, warehouse: IconBuildingWarehouse, cart: IconShoppingCart, 'shopping-cart': IconShoppingCart,
  receipt: IconReceipt, invoice: IconReceipt, cash: IconCash, factory: IconBuildingFactory, contacts: IconAddressBook, 'address-book': IconAddressBook,
  user: IconUserCircle, people: IconUsersGroup, chart: IconChartBar, target: IconTargetArrow, crm: IconTargetArrow,
  exchange: IconArrowsExchange,
};

export function iconFor(name: string | undefined, size = 16) {
  const C = (name && ICONS[name]) || IconFileText;
  return <C size={size} stroke={1.6} />;
}
