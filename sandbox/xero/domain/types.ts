// The emulator's stored records. They are Xero-shaped (PascalCase) so that rendering is a thin
// step: dates are kept as YYYY-MM-DD and timestamps as epoch ms, and rendering adds Xero's forms.

export type LineAmountType = 'Exclusive' | 'Inclusive' | 'NoTax';
export type InvoiceStatus = 'DRAFT' | 'SUBMITTED' | 'AUTHORISED' | 'PAID' | 'VOIDED' | 'DELETED';

export interface Organisation {
  OrganisationID: string;
  TenantID: string;
  Name: string;
  ShortCode: string;
  CountryCode: string;
  BaseCurrency: string;
  Timezone: string;
  Currencies: string[];
  CreatedMs: number;
  NextInvoiceNumber: number;
  NextCreditNoteNumber: number;
}

export interface Account {
  AccountID: string;
  Code: string;
  Name: string;
  Type: string;
  Class: 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';
  TaxType: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  EnablePaymentsToAccount: boolean;
  SystemAccount?: string;
  BankAccountNumber?: string;
  UpdatedMs: number;
}

export interface TaxRate {
  Name: string;
  TaxType: string;
  ReportTaxType: string;
  EffectiveRate: number;
  Status: 'ACTIVE' | 'DELETED' | 'ARCHIVED';
  CanApplyToAssets: boolean;
  CanApplyToEquity: boolean;
  CanApplyToExpenses: boolean;
  CanApplyToLiabilities: boolean;
  CanApplyToRevenue: boolean;
}

export interface BrandingTheme {
  BrandingThemeID: string;
  Name: string;
  SortOrder: number;
  CreatedMs: number;
}

export interface TrackingOption {
  TrackingOptionID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
}

export interface TrackingCategory {
  TrackingCategoryID: string;
  Name: string;
  Status: 'ACTIVE' | 'ARCHIVED';
  Options: TrackingOption[];
}

export interface Contact {
  ContactID: string;
  Name: string;
  ContactNumber?: string;
  AccountNumber?: string;
  ContactStatus: 'ACTIVE' | 'ARCHIVED' | 'GDPRREQUEST';
  FirstName?: string;
  LastName?: string;
  EmailAddress?: string;
  TaxNumber?: string;
  DefaultCurrency?: string;
  Addresses?: unknown[];
  Phones?: unknown[];
  ContactPersons?: unknown[];
  UpdatedMs: number;
}

export interface ItemDetails {
  UnitPrice?: number;
  AccountCode?: string;
  TaxType?: string;
}

export interface Item {
  ItemID: string;
  Code: string;
  Name?: string;
  Description?: string;
  PurchaseDescription?: string;
  IsSold: boolean;
  IsPurchased: boolean;
  IsTrackedAsInventory: boolean;
  SalesDetails?: ItemDetails;
  PurchaseDetails?: ItemDetails;
  UpdatedMs: number;
}

export interface LineTracking {
  TrackingCategoryID: string;
  TrackingOptionID: string;
  Name: string;
  Option: string;
}

export interface LineItem {
  LineItemID: string;
  Description: string;
  Quantity: number;
  UnitAmount: number;
  ItemCode?: string;
  AccountCode?: string;
  TaxType?: string;
  TaxAmount: number;
  LineAmount: number;
  DiscountRate?: number;
  DiscountAmount?: number;
  Tracking: LineTracking[];
}

export interface Totals {
  SubTotal: number;
  TotalTax: number;
  Total: number;
  TotalDiscount: number;
}

export interface Invoice extends Totals {
  InvoiceID: string;
  Type: 'ACCREC' | 'ACCPAY';
  ContactID: string;
  InvoiceNumber: string;
  Reference?: string;
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountType;
  Status: InvoiceStatus;
  CurrencyCode: string;
  CurrencyRate: number;
  BrandingThemeID?: string;
  Url?: string;
  /** The app (client id) that created it; absent for documents entered in Xero itself. */
  CreatedByApp?: string;
  SentToContact: boolean;
  LineItems: LineItem[];
  AmountPaid: number;
  AmountCredited: number;
  AmountDue: number;
  FullyPaidOnDate?: string;
  UpdatedMs: number;
}

export interface CreditNote extends Totals {
  CreditNoteID: string;
  Type: 'ACCRECCREDIT' | 'ACCPAYCREDIT';
  ContactID: string;
  CreditNoteNumber: string;
  Reference?: string;
  Date: string;
  DueDate?: string;
  LineAmountTypes: LineAmountType;
  Status: InvoiceStatus;
  CurrencyCode: string;
  CurrencyRate: number;
  BrandingThemeID?: string;
  LineItems: LineItem[];
  CreatedByApp?: string;
  RemainingCredit: number;
  FullyPaidOnDate?: string;
  UpdatedMs: number;
}

export interface Allocation {
  AllocationID: string;
  CreditNoteID: string;
  InvoiceID: string;
  Amount: number;
  Date: string;
  IsDeleted: boolean;
  UpdatedMs: number;
}

export interface Payment {
  PaymentID: string;
  InvoiceID?: string;
  CreditNoteID?: string;
  AccountID: string;
  Date: string;
  Amount: number;
  Reference?: string;
  CurrencyRate: number;
  PaymentType: 'ACCRECPAYMENT' | 'ACCPAYPAYMENT' | 'ARCREDITPAYMENT' | 'APCREDITPAYMENT';
  Status: 'AUTHORISED' | 'DELETED';
  IsReconciled: boolean;
  UpdatedMs: number;
}
