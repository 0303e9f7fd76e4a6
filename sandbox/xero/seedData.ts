// The Australian demo organisation's settings, as Xero's "Demo Company (AU)" has them: chart of
// accounts, GST tax rates, branding themes and tracking categories.
import type { Account, TaxRate } from './domain/types';

type AccountRow = [code: string, name: string, type: string, taxType: string, extra?: Partial<Account>];

export const AU_ACCOUNTS: AccountRow[] = [
  ['090', 'Business Bank Account', 'BANK', 'BASEXCLUDED', { BankAccountNumber: '062-000 1234 5678' }],
  ['091', 'Business Savings Account', 'BANK', 'BASEXCLUDED', { BankAccountNumber: '062-000 8765 4321' }],
  ['200', 'Sales', 'REVENUE', 'OUTPUT'],
  ['260', 'Other Revenue', 'REVENUE', 'OUTPUT'],
  ['270', 'Interest Income', 'REVENUE', 'INPUTTAXED'],
  ['300', 'Purchases', 'DIRECTCOSTS', 'INPUT'],
  ['310', 'Cost of Goods Sold', 'DIRECTCOSTS', 'INPUT'],
  ['400', 'Advertising', 'EXPENSE', 'INPUT'],
  ['404', 'Bank Fees', 'EXPENSE', 'EXEMPTEXPENSES'],
  ['408', 'Cleaning', 'EXPENSE', 'INPUT'],
  ['412', 'Consulting & Accounting', 'EXPENSE', 'INPUT'],
  ['420', 'Entertainment', 'EXPENSE', 'BASEXCLUDED'],
  ['425', 'Freight & Courier', 'EXPENSE', 'INPUT'],
  ['429', 'General Expenses', 'EXPENSE', 'INPUT'],
  ['433', 'Insurance', 'EXPENSE', 'INPUT'],
  ['437', 'Interest Expense', 'EXPENSE', 'EXEMPTEXPENSES'],
  ['441', 'Legal expenses', 'EXPENSE', 'INPUT'],
  ['445', 'Light, Power, Heating', 'EXPENSE', 'INPUT'],
  ['449', 'Motor Vehicle Expenses', 'EXPENSE', 'INPUT'],
  ['453', 'Office Expenses', 'EXPENSE', 'INPUT'],
  ['461', 'Printing & Stationery', 'EXPENSE', 'INPUT'],
  ['469', 'Rent', 'EXPENSE', 'INPUT'],
  ['473', 'Repairs and Maintenance', 'EXPENSE', 'INPUT'],
  ['477', 'Wages and Salaries', 'EXPENSE', 'BASEXCLUDED'],
  ['485', 'Subscriptions', 'EXPENSE', 'INPUT'],
  ['489', 'Telephone & Internet', 'EXPENSE', 'INPUT'],
  ['493', 'Travel - National', 'EXPENSE', 'INPUT'],
  ['610', 'Accounts Receivable', 'CURRENT', 'BASEXCLUDED', { SystemAccount: 'DEBTORS' }],
  ['620', 'Prepayments', 'CURRENT', 'BASEXCLUDED'],
  ['630', 'Inventory', 'INVENTORY', 'BASEXCLUDED'],
  ['710', 'Office Equipment', 'FIXED', 'CAPEXINPUT'],
  ['720', 'Computer Equipment', 'FIXED', 'CAPEXINPUT'],
  ['800', 'Accounts Payable', 'CURRLIAB', 'BASEXCLUDED', { SystemAccount: 'CREDITORS' }],
  ['820', 'GST', 'CURRLIAB', 'BASEXCLUDED', { SystemAccount: 'GST' }],
  ['840', 'Historical Adjustment', 'CURRLIAB', 'BASEXCLUDED', { SystemAccount: 'HISTORICAL' }],
  ['880', 'Owner A Drawings', 'EQUITY', 'BASEXCLUDED', { EnablePaymentsToAccount: true }],
  ['960', 'Retained Earnings', 'EQUITY', 'BASEXCLUDED', { SystemAccount: 'RETAINEDEARNINGS' }],
  ['970', 'Owner A Funds Introduced', 'EQUITY', 'BASEXCLUDED'],
];

const CLASS_OF_TYPE: Record<string, Account['Class']> = {
  BANK: 'ASSET',
  CURRENT: 'ASSET',
  FIXED: 'ASSET',
  INVENTORY: 'ASSET',
  NONCURRENT: 'ASSET',
  PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY',
  TERMLIAB: 'LIABILITY',
  LIABILITY: 'LIABILITY',
  EQUITY: 'EQUITY',
  REVENUE: 'REVENUE',
  SALES: 'REVENUE',
  OTHERINCOME: 'REVENUE',
  DIRECTCOSTS: 'EXPENSE',
  EXPENSE: 'EXPENSE',
  OVERHEADS: 'EXPENSE',
  DEPRECIATN: 'EXPENSE',
};

export function accountClassOf(type: string): Account['Class'] {
  return CLASS_OF_TYPE[type] ?? 'EXPENSE';
}

type Applies = 'revenue' | 'expenses' | 'assets' | 'liabilities' | 'equity';
type TaxRow = [taxType: string, name: string, rate: number, report: string, applies: Applies[]];

const ALL: Applies[] = ['revenue', 'expenses', 'assets', 'liabilities', 'equity'];

export const AU_TAX_RATES: TaxRow[] = [
  ['OUTPUT', 'GST on Income', 10, 'OUTPUT', ['revenue', 'assets', 'liabilities', 'equity']],
  ['INPUT', 'GST on Expenses', 10, 'INPUT', ['expenses', 'assets', 'liabilities', 'equity']],
  ['EXEMPTOUTPUT', 'GST Free Income', 0, 'OUTPUT', ['revenue', 'assets', 'liabilities', 'equity']],
  ['EXEMPTEXPENSES', 'GST Free Expenses', 0, 'INPUT', ['expenses', 'assets', 'liabilities', 'equity']],
  ['EXEMPTEXPORT', 'GST Free Exports', 0, 'OUTPUT', ['revenue', 'assets']],
  ['EXEMPTCAPITAL', 'GST Free Capital', 0, 'INPUT', ['assets']],
  ['CAPEXINPUT', 'GST on Capital', 10, 'INPUT', ['assets']],
  ['GSTONIMPORTS', 'GST on Imports', 0, 'GSTONIMPORTS', ['expenses', 'assets']],
  ['INPUTTAXED', 'Input Taxed', 0, 'INPUT', ['revenue', 'expenses', 'assets', 'liabilities', 'equity']],
  ['BASEXCLUDED', 'BAS Excluded', 0, 'NONE', ALL],
];

export function toTaxRate([taxType, name, rate, report, applies]: TaxRow): TaxRate {
  return {
    TaxType: taxType,
    Name: name,
    EffectiveRate: rate,
    ReportTaxType: report,
    Status: 'ACTIVE',
    CanApplyToRevenue: applies.includes('revenue'),
    CanApplyToExpenses: applies.includes('expenses'),
    CanApplyToAssets: applies.includes('assets'),
    CanApplyToLiabilities: applies.includes('liabilities'),
    CanApplyToEquity: applies.includes('equity'),
  };
}

export const DEMO_CONTACTS = [
  { Name: 'Bayside Club', EmailAddress: 'secretarybob@bsclub.co', ContactNumber: 'DEMO-C-1' },
  { Name: 'Ridgeway University', EmailAddress: 'accounts@ridgeway.edu.au', ContactNumber: 'DEMO-C-2' },
  { Name: 'PowerDirect', EmailAddress: 'bills@powerdirect.com.au' },
];

export const DEMO_ITEMS = [
  { Code: 'DevD', Name: 'Development work - developer onsite per day', price: 500, cost: 0 },
  { Code: 'BOOK', Name: 'Fish out of Water: Finding Your Brand', price: 19.95, cost: 12.5 },
  { Code: 'GB1-White', Name: 'Golf balls - white single', price: 5.58, cost: 2.1 },
];
