/** Demo master data: a small trading company's customers, suppliers and goods. */
export function demoCustomers(zh: boolean): Record<string, unknown>[] {
  const rows: [string, string, string, string, string, string, string][] = [
    ['Shanghai Hengda Trading Co.', '上海恒达贸易有限公司', 'wholesale', 'Shanghai', '上海', '+86 21 5555 0101', '91310000MA1FL0001X'],
    ['Beijing Xinyuan Retail', '北京鑫源零售店', 'retail', 'Beijing', '北京', '+86 10 5555 0202', '91110000MA1FL0002Y'],
    ['Guangzhou Nanfang Distribution', '广州南方分销有限公司', 'distributor', 'Guangzhou', '广州', '+86 20 5555 0303', '91440000MA1FL0003Z'],
    ['Hangzhou West Lake Foods', '杭州西湖食品有限公司', 'wholesale', 'Hangzhou', '杭州', '+86 571 5555 0404', '91330000MA1FL0004A'],
    ['Chengdu Tianfu Supermarket', '成都天府超市', 'retail', 'Chengdu', '成都', '+86 28 5555 0505', '91510000MA1FL0005B'],
    ['Pacific Rim Imports LLC', '太平洋进口公司', 'distributor', 'Los Angeles', '洛杉矶', '+1 213 555 0606', 'US-94-1234567'],
  ];
  return rows.map(([en, cn, group, city, cityZh, phone, taxId], i) => ({
    customerName: zh ? cn : en,
    customerGroup: group,
    city: zh ? cityZh : city,
    phone,
    taxId,
    email: `orders${i + 1}@example.com`,
    currency: i === 5 ? 'USD' : '',
    creditLimit: String((i + 1) * 50000),
    paymentTermsDays: i % 2 ? 30 : 60,
  }));
}

export function demoSuppliers(zh: boolean): Record<string, unknown>[] {
  const rows: [string, string, string, string, string][] = [
    ['Ningbo Ocean Packaging', '宁波海洋包装有限公司', 'raw_material', 'Ningbo', '宁波'],
    ['Suzhou Precision Parts', '苏州精密零件厂', 'goods', 'Suzhou', '苏州'],
    ['SF Express Logistics', '顺丰速运', 'logistics', 'Shenzhen', '深圳'],
    ['Kyoto Tea Works', '京都茶业', 'goods', 'Kyoto', '京都'],
  ];
  return rows.map(([en, cn, group, city, cityZh], i) => ({
    supplierName: zh ? cn : en,
    supplierGroup: group,
    city: zh ? cityZh : city,
    phone: `+86 574 5555 07${i}0`,
    email: `sales${i + 1}@supplier.example.com`,
    paymentTermsDays: 30,
    currency: i === 3 ? 'JPY' : '',
  }));
}

export function demoItems(zh: boolean): Record<string, unknown>[] {
  const rows: [string, string, string, string, string, string, string, string][] = [
    ['TEA-001', 'Longjing Green Tea 250g', '龙井绿茶 250克', 'stock', 'Tea', 'box', '128.00', '76.50'],
    ['TEA-002', 'Pu-erh Tea Cake 357g', '普洱茶饼 357克', 'stock', 'Tea', 'pcs', '268.00', '150.00'],
    ['CUP-010', 'Porcelain Tea Cup Set', '瓷茶杯套装', 'stock', 'Teaware', 'set', '199.00', '88.00'],
    ['POT-020', 'Yixing Clay Teapot', '宜兴紫砂壶', 'stock', 'Teaware', 'pcs', '580.00', '260.00'],
    ['PKG-100', 'Gift Box Packaging', '礼盒包装', 'stock', 'Packaging', 'pcs', '15.00', '6.20'],
    ['SRV-001', 'Tea Ceremony Workshop', '茶艺培训课程', 'service', 'Services', 'hour', '300.00', '0'],
  ];
  return rows.map(([code, en, cn, type, group, uom, sale, buy]) => ({
    itemCode: code,
    itemName: zh ? cn : en,
    itemNameZh: cn,
    itemType: type,
    itemGroup: group,
    uom,
    salePrice: sale,
    purchasePrice: buy,
    barcode: `690${code.replace(/\D/g, '').padStart(10, '0')}`,
  }));
}
