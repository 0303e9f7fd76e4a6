import { CHOICES, COLUMNS, TABLES } from '../../names';
import { choice, dateOnly, dateTime, decimal, lookup, memo, text, whole } from '../columns';
import { customTable } from './table';

const h = COLUMNS.syncHistory;
const history = TABLES.syncHistory.logicalName;

export const syncHistoryTable = customTable(
  TABLES.syncHistory,
  {
    displayName: 'Sync history',
    pluralName: 'Sync history',
    description:
      'One attempt to send an invoice to Xero (or another Xero operation), with Xero’s exact messages.',
    nameLabel: 'Summary',
    nameHelp: 'A short summary of the attempt, e.g. the invoice number and operation.',
  },
  [
    lookup(history, h.invoiceId, 'Invoice', 'The invoice this attempt is for.'),
    lookup(history, h.connectionId, 'Connection', 'The Xero connection used.'),
    choice(h.operation, 'Operation', 'What the attempt does in Xero.', CHOICES.operation.name, {
      required: 'required',
      defaultValue: CHOICES.operation.values.pushDocument,
    }),
    choice(h.trigger, 'Trigger', 'What started the attempt.', CHOICES.trigger.name, {
      defaultValue: CHOICES.trigger.values.button,
    }),
    choice(h.status, 'Status', 'The progress and outcome of the attempt.', CHOICES.syncHistoryStatus.name, {
      required: 'required',
      defaultValue: CHOICES.syncHistoryStatus.values.queued,
    }),
    whole(h.attempts, 'Attempts', 'How many times the relay has tried this.', { min: 0, max: 1000 }),
    dateTime(h.startedOn, 'Started', 'When the relay started working on it.'),
    dateTime(h.completedOn, 'Completed', 'When the relay finished.'),
    whole(h.durationMs, 'Duration (ms)', 'How long the attempt took, in milliseconds.', {
      min: 0,
      max: 2147483647,
    }),
    text(h.xeroId, 'Xero ID', 'The id of the Xero document created or updated.', 100),
    text(h.xeroNumber, 'Xero number', 'The number of the Xero document.', 100),
    memo(h.message, 'Message', 'The outcome in words; Xero’s validation messages verbatim.', 10000),
    text(
      h.messageSummary,
      'First message',
      'The first message of a failed attempt, short enough to group failures by in a chart.',
      200,
    ),
    memo(h.details, 'Details', 'Technical details of the attempt for support.', 100000),
    text(h.correlationId, 'Correlation ID', 'Ties this attempt to the relay’s logs.', 100),
    text(h.idempotencyKey, 'Idempotency key', 'The key that stops Xero creating the document twice.', 200),
  ],
);

const p = COLUMNS.payment;
const payment = TABLES.payment.logicalName;

export const paymentTable = customTable(
  TABLES.payment,
  {
    displayName: 'Xero payment',
    pluralName: 'Xero payments',
    description: 'A payment recorded in Xero against an invoice.',
  },
  [
    lookup(payment, p.invoiceId, 'Invoice', 'The invoice the payment is for.'),
    lookup(payment, p.connectionId, 'Connection', 'The Xero connection the payment came from.', {
      required: 'required',
    }),
    text(p.xeroPaymentId, 'Xero payment ID', 'The payment id in Xero.', 100, { required: 'required' }),
    dateOnly(p.paymentDate, 'Payment date', 'The date of the payment in Xero.'),
    // A decimal, not money: money columns drag in a currency lookup and exchange rate the platform
    // exports alongside them; the invoice keeps the currency.
    decimal(p.amount, 'Amount', 'The amount paid, in the invoice currency.', 2, {
      min: -1000000000,
      max: 1000000000,
    }),
    text(p.reference, 'Reference', 'The payment reference in Xero.', 255),
    text(p.accountCode, 'Account code', 'The Xero bank account code the payment was made into.', 10),
    choice(p.status, 'Status', 'The payment status in Xero.', CHOICES.paymentStatus.name),
  ],
);

const x = COLUMNS.xeroLink;

export const xeroLinkTable = customTable(
  TABLES.xeroLink,
  {
    displayName: 'Xero link',
    pluralName: 'Xero links',
    description:
      'Maps a Dynamics record to its Xero id in one connection (one account can be a different contact per organisation).',
  },
  [
    lookup(
      TABLES.xeroLink.logicalName,
      x.connectionId,
      'Connection',
      'The Xero connection the id belongs to.',
      {
        required: 'required',
      },
    ),
    text(x.entity, 'Dynamics table', 'The logical name of the Dynamics table, e.g. account.', 100, {
      required: 'required',
    }),
    text(x.recordId, 'Dynamics record ID', 'The id of the Dynamics record.', 100, { required: 'required' }),
    text(x.xeroId, 'Xero ID', 'The id of the matching Xero record.', 100, { required: 'required' }),
    text(x.xeroCode, 'Xero code', 'The matching Xero code, e.g. an item code.', 100),
  ],
);
