import { parseUblInvoice } from './en16931-document';
import { BUSINESS_RULES } from './en16931-rules';

/** A business rule an invoice breaks, and where. */
export interface RuleFailure {
  readonly rule: string;
  readonly text: string;
  readonly where: string;
}

/**
 * Checks a UBL 2.1 invoice offline against the EN 16931 and Peppol BIS Billing 3.0 business rules
 * that apply to an invoice of one VAT category without allowances or charges (see
 * {@link BUSINESS_RULES}: implemented from the rules' published text; the CEN and OpenPEPPOL
 * Schematron artefacts themselves are not distributed through npm or Debian). `valid` is true when
 * no rule is broken.
 *
 * @example
 * const { valid, failures } = checkEn16931(invoiceToUbl(invoice, options));
 */
export function checkEn16931(xml: string): { readonly valid: boolean; readonly failures: readonly RuleFailure[] } {
  const invoice = parseUblInvoice(xml);
  if (!invoice) return { valid: false, failures: [{ rule: 'UBL', text: 'The document is a UBL 2.1 Invoice (urn:oasis:names:specification:ubl:schema:xsd:Invoice-2)', where: 'the document' }] };
  const failures = BUSINESS_RULES.flatMap((rule) => rule.test(invoice).map((where) => ({ rule: rule.id, text: rule.text, where })));
  return { valid: failures.length === 0, failures };
}
