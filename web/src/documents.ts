// Types and helpers of the document-management screens (văn bản): what the API returns, the
// units where the signed-in official works with documents, and Vietnamese labels.
import type { Principal } from './session';

export interface Keyed {
  key: string;
  label?: string;
  name?: string;
}

export interface DocFile {
  id: number;
  name: string;
  size: number;
  content_type: string;
  kind?: string;
}

export interface Signature {
  id: number;
  kind: string;
  kind_label: string;
  signer_name: string;
  organisation: string | null;
  signed_at: string;
  certificate_valid_until: string | null;
  status: string;
  valid: boolean;
  message: string;
}

export interface DocEvent {
  id: number;
  at: string;
  actor: { id: number | null; name: string };
  action: string;
  label: string;
  note: string | null;
  files: DocFile[];
}

export interface Assignment {
  id: number;
  document_id: number;
  role: Keyed;
  unit: { id: number; name: string };
  official: { id: number; name: string } | null;
  status: Keyed;
  due_at: string | null;
  urgency?: string;
  timeliness?: Keyed;
  document?: { id: number; notation: string; issuer_name: string; subject: string; incoming_number: number; year: number };
}

export interface Incoming {
  id: number;
  unit_id: number;
  year: number;
  incoming_number: number;
  received_at: string;
  channel: string;
  issuer: { name: string; code: string | null };
  notation: string;
  issued_on: string;
  doc_type: Keyed;
  subject: string;
  urgency: Keyed;
  status: Keyed;
  due_at: string | null;
  version: number;
  files?: DocFile[];
  assignments?: Assignment[];
  events?: DocEvent[];
  replies?: { id: number; notation: string | null; subject: string }[];
  signatures?: Record<string, Signature[]>;
}

export interface Recipient {
  id: number;
  unit_id: number | null;
  agency_code: string | null;
  name: string;
  status: Keyed;
  status_at: string | null;
  status_note: string | null;
}

export interface Outgoing {
  id: number;
  unit_id: number;
  drafting_unit_id: number;
  doc_type: Keyed;
  subject: string;
  status: Keyed;
  drafted_by: { id: number; name: string };
  reviewer: { id: number; name: string } | null;
  signer: { name: string; position: string | null; approved_at: string | null } | null;
  notation: string | null;
  issued_on: string | null;
  version: number;
  files?: DocFile[];
  recipients?: Recipient[];
  reply_to?: { id: number; notation: string; subject: string }[];
  events?: DocEvent[];
  signatures?: Record<string, Signature[]>;
  signing_enabled?: boolean;
}

export interface Arrival {
  id: number;
  unit_id: number;
  issuer: { name: string; code: string | null };
  notation: string;
  issued_on: string;
  doc_type: Keyed;
  subject: string;
  urgency: Keyed;
  received_at: string;
  status: string;
  incoming_id: number | null;
  files?: DocFile[];
  signatures?: Record<string, Signature[]>;
}

export interface Task {
  id: number;
  title: string;
  owner_unit: { id: number; name: string };
  assigning_unit: { id: number; name: string };
  due_on: string;
  status: Keyed;
  progress: number;
  overdue?: boolean;
  days_left?: number;
  timeliness?: Keyed;
  version: number;
}


export interface WorkUnit {
  id: number;
  name: string;
  roles: string[];
}

const documentRoles = ['clerk', 'leader', 'specialist', 'system_admin'];

// The units where the official holds a role that works with documents, each once.
export function documentUnits(p: Principal | null): WorkUnit[] {
  const out = new Map<number, WorkUnit>();
  for (const g of p?.grants ?? []) {
    if (!documentRoles.includes(g.role)) continue;
    const u = out.get(g.unit_id) ?? { id: g.unit_id, name: g.unit_name ?? `Đơn vị ${g.unit_id}`, roles: [] };
    u.roles.push(g.role);
    out.set(g.unit_id, u);
  }
  return [...out.values()];
}

export const hasRole = (p: Principal | null, role: string) => (p?.grants ?? []).some((g) => g.role === role);
