// Shapes of the one-stop API's answers used by the screens, and their Vietnamese labels.

import { get } from './api';
import { useLoad } from './use-load';

export interface UnitRef {
  id: number;
  name: string;
  code: string;
  parent_id?: number | null;
  parent_name?: string | null;
}

// "Ủy ban nhân dân Xã Tam An — Ủy ban nhân dân Huyện Tân Phú": commune names repeat across
// districts, so choices name the unit above too.
export function unitChoiceLabel(u: UnitRef, parents?: Map<number, string>): string {
  const parent = u.parent_name ?? (u.parent_id ? parents?.get(u.parent_id) : undefined);
  return parent ? `${u.name} — ${parent}` : u.name;
}

// Communes (people's committees) with the names of their districts, for choosing one.
async function loadCommunes(signal: AbortSignal): Promise<UnitRef[]> {
  const [communes, districts] = await Promise.all([
    get<{ items: UnitRef[] }>('/api/v1/units?level=commune&kind=people_committee', signal),
    get<{ items: UnitRef[] }>('/api/v1/units?level=district&kind=people_committee', signal),
  ]);
  const names = new Map(districts.items.map((d) => [d.id, d.name]));
  return communes.items
    .map((c) => ({ ...c, parent_name: c.parent_id ? names.get(c.parent_id) ?? null : null }))
    .sort((a, b) => unitChoiceLabel(a).localeCompare(unitChoiceLabel(b), 'vi'));
}

// What the portal's home, footer and help pages show (GET /api/v1/portal).
export interface PortalContent {
  hotline: string;
  email: string;
  offices: { name: string; address: string; hours: string; phone: string }[];
  news: { date: string; title: string; body: string }[];
  faq: { q: string; a: string }[];
  popular: (ProcedureSummary & { dossiers: number })[];
}

let portal: Promise<PortalContent> | null = null;
// Fetched once per page load: the footer and the home page share it.
export function loadPortal(): Promise<PortalContent> {
  portal ??= get<PortalContent>('/api/v1/portal').catch((e) => {
    portal = null;
    throw e;
  });
  return portal;
}
export const usePortal = () => useLoad(() => loadPortal(), []);
// The communes to choose from, when `needed` (a procedure routed to the applicant's commune).
export const useCommunes = (needed: boolean) => useLoad(needed ? loadCommunes : null, [needed]);

export interface ProcedureSummary {
  id: number;
  national_code: string;
  name: string;
  sector: { id: number; code: string; name: string };
  levels: string[];
  online_mode: 'full' | 'partial' | 'none';
  online_mode_label: string;
  legacy_level: number;
  processing_days: number;
  processing_hours: number;
  active: boolean;
}

export interface Paper {
  name: string;
  originals: number;
  copies: number;
  required: boolean;
  template_url: string;
}

export interface FormField {
  key: string;
  label: string;
  type: string;
  required?: boolean;
  options?: string[];
}

export interface ProcedureDetail extends ProcedureSummary {
  definition: {
    papers: Paper[];
    form: FormField[];
    fees: { name: string; amount: number; note?: string }[];
    result: string;
    legal_basis: string;
    description: string;
    sequence?: string;
    submission?: string;
    conditions?: string;
    offices?: { name: string; address: string; hours: string; phone: string }[];
    result_kind?: 'document' | 'none';
    result_signed?: boolean;
    fees_due?: 'before_processing' | 'before_return';
    applicant_required?: string[];
    applicants: string;
    online_days: number | null;
    steps: { key: string; name: string; role: string; unit: string; share: number }[];
  };
  agencies: UnitRef[];
}

export interface TimelineEntry {
  at: string;
  action: string;
  action_label: string;
  status: string;
  status_label: string;
  unit: UnitRef | null;
  step_name?: string;
  timeliness: string;
  actor?: { kind: string; name: string };
  actor_unit?: UnitRef | null;
  note?: string;
  data?: any;
  step_due_at?: string | null;
}

export interface AttachedFile {
  id: number;
  name: string;
  size: number;
  content_type: string;
  sha256?: string;
  role?: string;
  added_at?: string;
}

export interface DossierView {
  id: number;
  code: string;
  version: number;
  status: string;
  status_label: string;
  outcome: string;
  channel: string;
  channel_label: string;
  procedure: { id: number; version_id: number; national_code: string; name: string; result: string };
  agency: UnitRef | null;
  desk: UnitRef | null;
  // Where a result returned at a desk is collected: the receiving desk unless the applicant
  // chose the competent agency's own desk.
  result_point: UnitRef | null;
  current_unit: UnitRef | null;
  submitted_at: string;
  received_at: string | null;
  due_at: string | null;
  due_text: string | null;
  original_due_at: string | null;
  apology_due_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
  return_method_label: string;
  timeliness: string;
  timeliness_label: string;
  current_step: { index: number; name: string; role: string; count: number; due_at?: string | null };
  urgency?: 'ok' | 'near_due' | 'overdue';
  remaining_working_hours?: number;
  paused?: boolean;
  timeline: TimelineEntry[];
  actions: { name: string; label: string }[];
  forms: string[];
  form_set?: 'tt01_2018' | 'tt03_2025';
  rated: boolean;
  rating_criteria?: { key: string; label: string }[];
  applicant?: {
    kind: string;
    name: string;
    id_number: string | null;
    tax_code: string | null;
    address: string | null;
    phone: string | null;
    email: string | null;
    commune: UnitRef | null;
  };
  form_data?: Record<string, unknown>;
  form_fields?: FormField[];
  fee?: {
    amount: number;
    amount_text: string;
    paid_at: string | null;
    paid_online: boolean;
    owed: boolean;
    due: string;
    due_label: string;
    can_pay_online: boolean;
    payments: Payment[];
  };
  delivery?: { requested: string; requested_label: string; postal_address: string | null; postal_tracking: string | null };
  next_step?: { index: number; name: string; role: string; unit: UnitRef | null } | null;
  papers?: {
    index: number;
    name: string;
    required: boolean;
    originals: number;
    copies: number;
    files: AttachedFile[];
    received?: { originals: number; copies: number };
  }[];
  result?: { note: string; kind: string; signed_by_agency: boolean; file: AttachedFile | null; signatures: SignatureInfo[] };
  assignee?: { id: number; name: string | null } | null;
  steps?: { index: number; name: string; role: string }[];
}

export interface Payment {
  id: number;
  amount: number;
  amount_text: string;
  status: string;
  status_label: string;
  order_ref: string;
  gateway_ref: string | null;
  receipt_no: string | null;
  created_at: string;
  paid_at: string | null;
  refunded_at: string | null;
  redirect_url?: string;
  dossier_code?: string;
  applicant_name?: string;
}

export interface SignatureInfo {
  kind: string;
  kind_label: string;
  signer_name: string;
  organisation: string;
  signed_at: string;
  status: string;
  valid: boolean;
  message: string;
}

export interface StoreItem {
  id: number;
  kind: 'paper' | 'result';
  kind_label: string;
  title: string;
  issued_by: string | null;
  created_at: string;
  dossier_code: string | null;
  signed: boolean;
  file: { id: number; name: string; size: number; content_type: string; sha256: string };
}

export interface ApplicantProfile {
  kind: 'citizen' | 'business';
  full_name: string;
  id_number: string | null;
  tax_code: string | null;
  representative: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export const returnMethods: [string, string][] = [
  ['online', 'Trực tuyến (tải kết quả điện tử trên Cổng)'],
  ['desk', 'Tại bộ phận một cửa'],
  ['post', 'Qua dịch vụ bưu chính công ích (gửi về địa chỉ)'],
];

export interface QueueItem {
  id: number;
  code: string;
  procedure_name: string;
  applicant_name: string;
  status: string;
  status_label: string;
  channel: string;
  submitted_at: string | null;
  received_at: string | null;
  due_at: string | null;
  current_step: number;
  paused: boolean;
  version: number;
  urgency?: 'ok' | 'near_due' | 'overdue';
  remaining_seconds?: number;
}

// The printable forms by the set a dossier follows (its `form_set`: the one in force when it was
// received) and their number in it: Thông tư 01/2018/TT-VPCP, then Thông tư 03/2025/TT-VPCP for
// dossiers received from 15/09/2025.
const formTitles: Record<string, Record<string, string>> = {
  tt01_2018: {
    '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    '04': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    '05': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  },
  tt03_2025: {
    '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
    '04': 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
    '05': 'Thông báo dừng giải quyết hồ sơ',
    '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  },
};

export function formName(set: string | undefined, n: string): string {
  const title = formTitles[set ?? 'tt01_2018']?.[n];
  return title ? `${title} (Mẫu ${n})` : `Mẫu ${n}`;
}

export function processingTime(p: { processing_days: number; processing_hours: number }): string {
  if (p.processing_days > 0) return `${p.processing_days} ngày làm việc`;
  if (p.processing_hours > 0) return `${p.processing_hours} giờ làm việc`;
  return 'Giải quyết ngay trong ngày';
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
