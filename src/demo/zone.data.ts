/**
 * The Chifeng demo zone (DOMAIN.md §12): exporters of cashmere, medicines and bio-chemicals, agricultural
 * co-operatives, the bonded logistics centre, a bank and a payment institution, postal and express firms,
 * declaring agents, an overseas warehouse, and importers serving the zone's consumers. Names are invented.
 */
export interface DemoEnterprise {
  key: string;
  name: string;
  roles: string[];
  district: string;
  /** Customs code: 1504 (Inner Mongolia, Chifeng) + zone type + enterprise type + 4-digit sequence. */
  customsCode: string;
  contact: { name: string; phone: string; address: string };
  outcome: 'approved' | 'pending' | 'rejected';
  /** A login for this enterprise, if it gets one. */
  user?: string;
}

export interface DemoProduct {
  enterprise: string;
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  country: string;
  unit: string;
  price: string;
  outcome: 'approved' | 'pending';
}

const addr = (s: string) => `内蒙古自治区赤峰市${s}`;

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  { key: 'platform', name: '赤峰跨境电商综合服务平台运营有限公司', roles: ['ebp', 'service'], district: '0604', customsCode: '1504960001', contact: { name: '李敏', phone: '0476-8310001', address: addr('红山区哈达街1号') }, outcome: 'approved', user: 'mall' },
  { key: 'mengdong', name: '蒙东优选跨境电商平台有限公司', roles: ['ebp'], district: '0604', customsCode: '1504960002', contact: { name: '赵磊', phone: '0476-8310002', address: addr('松山区临潢大街88号') }, outcome: 'approved' },
  { key: 'cashmere', name: '赤峰草原羊绒制品有限公司', roles: ['ebc'], district: '0604', customsCode: '1504960101', contact: { name: '巴特尔', phone: '0476-8320101', address: addr('元宝山区工业园区') }, outcome: 'approved', user: 'cashmere' },
  { key: 'golddeer', name: '赤峰金鹿羊绒服饰有限公司', roles: ['ebc'], district: '0604', customsCode: '1504960102', contact: { name: '乌兰', phone: '0476-8320102', address: addr('红山区桥北工业园') }, outcome: 'approved' },
  { key: 'beijiang', name: '内蒙古北疆绒业有限公司', roles: ['ebc'], district: '0604', customsCode: '1504930103', contact: { name: '孙浩', phone: '0476-8320103', address: addr('翁牛特旗乌丹镇') }, outcome: 'approved' },
  { key: 'pharma', name: '赤峰蒙药制药股份有限公司', roles: ['ebc'], district: '0604', customsCode: '1504930201', contact: { name: '其木格', phone: '0476-8320201', address: addr('高新技术产业开发区') }, outcome: 'approved', user: 'pharma' },
  { key: 'biochem', name: '赤峰瑞阳生物化工科技有限公司', roles: ['ebc'], district: '0604', customsCode: '1504930202', contact: { name: '王涛', phone: '0476-8320202', address: addr('元宝山区化工园区') }, outcome: 'approved' },
  { key: 'millet', name: '翁牛特旗小米种植专业合作社', roles: ['ebc'], district: '0604', customsCode: '1504990301', contact: { name: '张桂兰', phone: '0476-6320301', address: addr('翁牛特旗梧桐花镇') }, outcome: 'approved' },
  { key: 'aohan', name: '敖汉旗杂粮农民专业合作社', roles: ['ebc'], district: '0604', customsCode: '1504990302', contact: { name: '刘志强', phone: '0476-4320302', address: addr('敖汉旗新惠镇') }, outcome: 'approved' },
  { key: 'beef', name: '克什克腾旗草原牛羊肉专业合作社', roles: ['ebc'], district: '0604', customsCode: '1504990303', contact: { name: '额尔敦', phone: '0476-5320303', address: addr('克什克腾旗经棚镇') }, outcome: 'approved' },
  { key: 'bonded', name: '赤峰保税物流中心（B型）运营有限公司', roles: ['warehouse'], district: '0613', customsCode: '1504940401', contact: { name: '高峰', phone: '0476-8340401', address: addr('松山区保税物流中心') }, outcome: 'approved', user: 'bonded' },
  { key: 'boc', name: '中国银行股份有限公司赤峰分行', roles: ['payment'], district: '0604', customsCode: '1504910501', contact: { name: '陈静', phone: '0476-8350501', address: addr('红山区钢铁街2号') }, outcome: 'approved' },
  { key: 'mengyin', name: '蒙银支付科技有限公司', roles: ['payment'], district: '0604', customsCode: '1504960502', contact: { name: '周洋', phone: '0476-8350502', address: addr('松山区玉龙大街16号') }, outcome: 'approved', user: 'pay' },
  { key: 'unionpay', name: '赤峰银联商务服务有限公司', roles: ['payment'], district: '0604', customsCode: '1504960503', contact: { name: '吴倩', phone: '0476-8350503', address: addr('红山区昭乌达路33号') }, outcome: 'approved' },
  { key: 'post', name: '中国邮政集团有限公司赤峰市分公司', roles: ['logistics'], district: '0604', customsCode: '1504910601', contact: { name: '马军', phone: '0476-8360601', address: addr('红山区三中街邮政大楼') }, outcome: 'approved', user: 'post' },
  { key: 'express', name: '赤峰顺达国际快递有限公司', roles: ['logistics'], district: '0604', customsCode: '1504960602', contact: { name: '郑凯', phone: '0476-8360602', address: addr('松山区物流园区') }, outcome: 'approved' },
  { key: 'rail', name: '赤峰中欧班列国际物流有限公司', roles: ['logistics'], district: '0604', customsCode: '1504960603', contact: { name: '韩冰', phone: '0476-8360603', address: addr('元宝山区铁路物流基地') }, outcome: 'approved' },
  { key: 'airexpress', name: '赤峰京赤航空快件有限公司', roles: ['logistics'], district: '0604', customsCode: '1504960604', contact: { name: '杨帆', phone: '0476-8360604', address: addr('玉龙机场货运区') }, outcome: 'approved' },
  { key: 'agent', name: '赤峰海关报关服务有限公司', roles: ['agent'], district: '0604', customsCode: '1504980701', contact: { name: '许丽', phone: '0476-8370701', address: addr('红山区海关大楼旁') }, outcome: 'approved', user: 'agent' },
  { key: 'agent2', name: '赤峰通达通关代理有限公司', roles: ['agent'], district: '0613', customsCode: '1504980702', contact: { name: '贾伟', phone: '0476-8370702', address: addr('松山区保税物流中心') }, outcome: 'approved' },
  { key: 'guarantor', name: '赤峰跨境供应链担保有限公司', roles: ['guarantor'], district: '0604', customsCode: '1504960801', contact: { name: '冯博', phone: '0476-8380801', address: addr('红山区金融街5号') }, outcome: 'approved' },
  { key: 'overseas', name: '赤峰远航海外仓管理有限公司', roles: ['overseas_warehouse', 'logistics'], district: '0604', customsCode: '1504960901', contact: { name: '何雪', phone: '0476-8390901', address: addr('松山区跨境电商产业园') }, outcome: 'approved' },
  { key: 'service', name: '赤峰外贸综合服务有限公司', roles: ['service', 'agent'], district: '0604', customsCode: '1504960902', contact: { name: '邓超', phone: '0476-8390902', address: addr('红山区跨境电商产业园') }, outcome: 'approved' },
  { key: 'babycare', name: '赤峰进口母婴用品有限公司', roles: ['ebc'], district: '0613', customsCode: '1504941001', contact: { name: '罗娜', phone: '0476-8401001', address: addr('松山区保税物流中心') }, outcome: 'approved' },
  { key: 'beauty', name: '赤峰美妆跨境贸易有限公司', roles: ['ebc'], district: '0613', customsCode: '1504941002', contact: { name: '梁爽', phone: '0476-8401002', address: addr('松山区保税物流中心') }, outcome: 'approved' },
  { key: 'wine', name: '赤峰红酒进口贸易有限公司', roles: ['ebc'], district: '0613', customsCode: '1504941003', contact: { name: '宋佳', phone: '0476-8401003', address: addr('红山区万达广场') }, outcome: 'approved' },
  { key: 'digital', name: '赤峰数码跨境电商有限公司', roles: ['ebc'], district: '0604', customsCode: '1504961004', contact: { name: '唐亮', phone: '0476-8401004', address: addr('新城区天义路') }, outcome: 'approved' },
  { key: 'buckwheat', name: '赤峰荞麦食品有限公司', roles: ['ebc'], district: '0604', customsCode: '1504961101', contact: { name: '谢峰', phone: '0476-8411101', address: addr('敖汉旗新惠镇') }, outcome: 'pending' },
  { key: 'silkroad', name: '赤峰新丝路电商有限公司', roles: ['ebc', 'ebp'], district: '0604', customsCode: '1504961102', contact: { name: '韦强', phone: '0476-8411102', address: addr('红山区跨境电商产业园') }, outcome: 'pending' },
  { key: 'quickrun', name: '赤峰快运速递有限公司', roles: ['logistics'], district: '0604', customsCode: '1504961103', contact: { name: '石磊', phone: '0476-8411103', address: addr('松山区物流园区') }, outcome: 'rejected' },
];

export const DEMO_PRODUCTS: DemoProduct[] = [
  { enterprise: 'cashmere', itemNo: 'CF-M-001', itemName: '喀什米尔山羊绒手工起绒男套头衫', gcode: '6110120011', gmodel: '自主品牌|不享惠|针织起绒|套头衫|山羊绒100%|草原绒|CF-M-001|6970000000011|无', country: '142', unit: '011', price: '1280.00', outcome: 'approved' },
  { enterprise: 'cashmere', itemNo: 'CF-W-002', itemName: '喀什米尔山羊绒手工起绒女套头衫', gcode: '6110120021', gmodel: '自主品牌|不享惠|针织起绒|套头衫|山羊绒100%|草原绒|CF-W-002|6970000000028|无', country: '142', unit: '011', price: '1380.00', outcome: 'approved' },
  { enterprise: 'golddeer', itemNo: 'GD-S-01', itemName: '山羊绒围巾', gcode: '6214202000', gmodel: '自主品牌|不享惠|机织|山羊绒100%|金鹿|GD-S-01|6970000000035|无', country: '142', unit: '015', price: '560.00', outcome: 'approved' },
  { enterprise: 'beijiang', itemNo: 'BJ-RAW-1', itemName: '未梳山羊绒原绒', gcode: '5102110000', gmodel: '无品牌|不享惠|未梳喀什米尔山羊绒|无|无', country: '142', unit: '035', price: '820.00', outcome: 'approved' },
  { enterprise: 'pharma', itemNo: 'MY-25', itemName: '蒙药二十五味松石丸', gcode: '3004500000', gmodel: '自主品牌|不享惠|治疗用|松石等|已配定剂量零售包装|蒙药|60丸/盒|6970000000042|无', country: '142', unit: '140', price: '98.00', outcome: 'approved' },
  { enterprise: 'biochem', itemNo: 'RY-VC', itemName: '维生素复合制剂', gcode: '3004500000', gmodel: '自主品牌|不享惠|补充维生素|维生素C、E|已配定剂量零售包装|瑞阳|100片/瓶|6970000000059|无', country: '142', unit: '142', price: '45.00', outcome: 'pending' },
  { enterprise: 'millet', itemNo: 'WN-XM-5', itemName: '翁牛特小米', gcode: '1008290000', gmodel: '自主品牌|不享惠|非种用|5千克/袋|6970000000066|无', country: '142', unit: '035', price: '58.00', outcome: 'approved' },
  { enterprise: 'aohan', itemNo: 'AH-QM-2', itemName: '敖汉荞麦', gcode: '1008290000', gmodel: '无品牌|不享惠|非种用|2千克/袋||', country: '142', unit: '035', price: '36.00', outcome: 'approved' },
  { enterprise: 'beef', itemNo: 'KS-YR-1', itemName: '冻带骨绵羊肉', gcode: '0204420000', gmodel: '无品牌|不享惠|冻|带骨分割|10千克/箱|克什克腾旗1号加工厂||', country: '142', unit: '035', price: '96.00', outcome: 'approved' },
  { enterprise: 'babycare', itemNo: 'BB-NF-1', itemName: '婴幼儿配方奶粉（1段）', gcode: '1901101000', gmodel: '境外品牌(其他)|不享惠|乳清蛋白、乳糖、植物油|供婴幼儿食用|800克/罐|Aptamil|9421902960017|无', country: '609', unit: '122', price: '238.00', outcome: 'approved' },
  { enterprise: 'babycare', itemNo: 'BB-MP-2', itemName: '全脂奶粉', gcode: '0402210000', gmodel: '境外品牌(其他)|不享惠|未浓缩未加糖|粉状|26%|全脂乳粉|1千克/袋|a2|9300000000001|无', country: '601', unit: '136', price: '168.00', outcome: 'approved' },
  { enterprise: 'beauty', itemNo: 'BT-CR-20', itemName: '精华面霜 20克', gcode: '3304990029', gmodel: '境外品牌(其他)|不享惠|护肤|20g/瓶|La Mer|0747930000013|无', country: '305', unit: '142', price: '425.00', outcome: 'approved' },
  { enterprise: 'beauty', itemNo: 'BT-PF-50', itemName: '香水 50毫升', gcode: '3303000020', gmodel: '境外品牌(其他)|不享惠|50ml/瓶|Chanel|3145891000001|无', country: '305', unit: '142', price: '960.00', outcome: 'approved' },
  { enterprise: 'wine', itemNo: 'WN-BDX-15', itemName: '波尔多红葡萄酒 750毫升', gcode: '2204210000', gmodel: '境外品牌(其他)|不享惠|波尔多红葡萄酒 Bordeaux Rouge|鲜葡萄酿造|13.5%|AOC|2015|波尔多 Bordeaux|Chateau Demo|赤霞珠 Cabernet Sauvignon|750ml*6|3760000000001|无', country: '305', unit: '142', price: '320.00', outcome: 'approved' },
  { enterprise: 'digital', itemNo: 'DG-TAB-11', itemName: '平板电脑 11英寸', gcode: '8471301000', gmodel: '境外品牌(其他)|不享惠|便携式|CPU、内存、存储、显示屏|iPad|A2696|0194252000001|无', country: '502', unit: '001', price: '4599.00', outcome: 'approved' },
  { enterprise: 'digital', itemNo: 'DG-CAM-1', itemName: '数码相机', gcode: '8471309000', gmodel: '境外品牌(其他)|不享惠|便携式', country: '116', unit: '001', price: '6000.00', outcome: 'pending' },
];

export const DEMO_DEPARTMENTS = ['customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank'] as const;

/** The one password of the demo accounts: printed at start and in the README. Never use in production. */
export const DEMO_PASSWORD = 'demo2026';

export interface DemoBondedBook {
  /** Key of the warehouse enterprise that owns the book. */
  owner: string;
  emsNo: string;
  name: string;
  district: string;
  /** itemNo: the importer's filed product the item holds (1210 lists carry both numbers). */
  items: Array<{ itemRecordNo: string; gcode: string; goodsName: string; unit: string; itemNo: string; ebc: string }>;
  /** The opening first-line entry record, dated the day the zone is loaded. */
  opening: { entryNo: string; lines: Array<{ itemRecordNo: string; qty: string }> };
}

/** The bonded logistics centre's book: the zone's 1210 imports (formula, milk powder, cosmetics, wine). */
export const DEMO_BONDED_BOOK: DemoBondedBook = {
  owner: 'bonded',
  emsNo: 'T0613W000001',
  name: '赤峰保税物流中心（B型）跨境电商进口账册',
  district: '0613',
  items: [
    { itemRecordNo: '1', gcode: '1901101000', goodsName: '婴幼儿配方奶粉（1段）', unit: '122', itemNo: 'BB-NF-1', ebc: 'babycare' },
    { itemRecordNo: '2', gcode: '0402210000', goodsName: '全脂奶粉', unit: '136', itemNo: 'BB-MP-2', ebc: 'babycare' },
    { itemRecordNo: '3', gcode: '3304990029', goodsName: '精华面霜 20克', unit: '142', itemNo: 'BT-CR-20', ebc: 'beauty' },
    { itemRecordNo: '4', gcode: '3303000020', goodsName: '香水 50毫升', unit: '142', itemNo: 'BT-PF-50', ebc: 'beauty' },
    { itemRecordNo: '5', gcode: '2204210000', goodsName: '波尔多红葡萄酒 750毫升', unit: '142', itemNo: 'WN-BDX-15', ebc: 'wine' },
  ],
  opening: {
    entryNo: 'QD061326I000000001',
    lines: [
      { itemRecordNo: '1', qty: '2400' },
      { itemRecordNo: '2', qty: '1200' },
      { itemRecordNo: '3', qty: '600' },
      { itemRecordNo: '4', qty: '300' },
      { itemRecordNo: '5', qty: '720' },
    ],
  },
};

export interface DemoUndertaking {
  /** Key of the postal or express operator. */
  operator: string;
  kinds: Array<'order' | 'payment'>;
  /** Keys of the enterprises pushed for; absent: all of them. */
  owners?: string[];
  letterNo: string;
  /** Days the undertaking runs from the day the zone is loaded. */
  days: number;
  outcome: 'approved' | 'pending';
}

/** 代推: the postal branch pushes orders and payments for everyone; an express firm's undertaking awaits review. */
export const DEMO_UNDERTAKINGS: DemoUndertaking[] = [
  { operator: 'post', kinds: ['order', 'payment'], letterNo: 'YZCF-2026-001', days: 365, outcome: 'approved' },
  { operator: 'express', kinds: ['order'], owners: ['platform', 'mengdong'], letterNo: 'SDKD-2026-007', days: 180, outcome: 'pending' },
];
