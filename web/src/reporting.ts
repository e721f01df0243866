// The roles that prepare or receive periodic reports (reporting/permissions.h): the menu shows
// "Báo cáo" to them.
export const reportingRoles = ['clerk', 'specialist', 'leader', 'unit_admin'];

// A report form as the server describes it (reporting/form.h form_json): rows, columns, checks.
export interface FormRow {
  code: string;
  label: string;
  total: boolean;
}
export interface FormColumn {
  code: string;
  label: string;
  type: 'integer' | 'number' | 'text';
  compulsory: boolean;
  sum_of: string[];
  source?: string;
  aggregation: 'sum' | 'first' | 'last' | 'none';
}
export interface FormRule {
  code: string;
  left: string[];
  op: 'eq' | 'le' | 'ge';
  right: string[];
  severity: 'error' | 'warning';
  message: string;
}
export interface FormDefinition {
  code: string;
  version: number;
  title: string;
  name: string;
  legal_basis: string;
  rows: FormRow[];
  columns: FormColumn[];
  rules: FormRule[];
}
