// Citizen feedback and petitions (phản ánh, kiến nghị): the shapes the feedback API answers with.
import { formatDate } from './format';

export interface Ref {
  id: number;
  name: string;
  code?: string;
}

export interface FeedbackCategory {
  id: number;
  code: string;
  name: string;
  subject: string;
  answer_days: number | null;
}

export interface FeedbackEvent {
  at: string;
  action: string;
  action_label: string;
  status: string;
  status_label: string;
  unit: Ref | null;
  note?: string | null;
  actor?: { kind: string; name: string };
}

export interface FeedbackAction {
  name: string;
  label: string;
}

// An item as its sender or an official sees it (officials get id, version and more).
export interface FeedbackItem {
  id?: number;
  version?: number;
  code: string;
  kind: string;
  kind_label: string;
  status: string;
  status_label: string;
  category: Ref | null;
  channel_label: string;
  title: string;
  content: string;
  proposal: string | null;
  location: string | null;
  latitude?: number | null;
  longitude?: number | null;
  dossier_code: string | null;
  sender: { name: string | null; address: string | null; phone: string | null; email: string | null };
  unit: Ref | null;
  received_at: string;
  due_at: string | null;
  overdue: boolean;
  answer: string | null;
  answered_at: string | null;
  answer_unit: Ref | null;
  timeliness: string | null;
  published: boolean;
  rating: number | null;
  rating_comment: string | null;
  reopened: boolean;
  missing: string[];
  timeline: FeedbackEvent[];
  actions: FeedbackAction[];
  suspected_label?: string | null;
  withheld_reason?: string | null;
  reception_unit?: Ref | null;
  // A question put to the sender and not yet replied to.
  question: string | null;
  // The main item's code when this one was merged into it as a duplicate.
  merged_into: string | null;
  merged_count?: number;
  attachments: FeedbackAttachment[];
  // Whether the reader may add files now, and whether a letter (PDF) tells the sender how the
  // item was settled.
  can_attach: boolean;
  letter: boolean;
  // Forwarded to a body outside the province as an official document (officials also get the
  // document in the outgoing register).
  forwarded: FeedbackForwarded | null;
  // Officials: whether a forwarding out can carry an official document the reader drafts.
  can_forward_document?: boolean;
}

export interface FeedbackForwarded {
  agency_code: string;
  agency_name: string;
  notation: string | null;
  issued_on: string | null;
  document_id?: number;
  document_status?: string;
}

// "Văn bản số 15/VPUBND-TCD ngày 12/05/2026" once issued; otherwise that it is being issued.
export function forwardingDocument(f: FeedbackForwarded): string {
  if (!f.notation) return 'văn bản chuyển đang được trình ký, ban hành';
  return `văn bản số ${f.notation}${f.issued_on ? ` ngày ${formatDate(f.issued_on)}` : ''}`;
}

// A photo or paper attached by the sender or an official (never public).
export interface FeedbackAttachment {
  id: number;
  name: string;
  content_type: string;
  size: number;
  added_by: string;
  at: string;
}

export const attachmentAccept = 'image/jpeg,image/png,application/pdf';

// A row of a unit's queue.
export interface FeedbackRow {
  id: number;
  code: string;
  kind: string;
  status: string;
  status_label: string;
  title: string;
  category: string;
  received_at: string;
  due_at: string | null;
  suspected: string | null;
  unit: string;
  version: number;
  overdue: boolean;
}

// A published answer, without personal data.
export interface PublishedFeedback {
  code: string;
  kind: string;
  title: string;
  content: string;
  proposal: string | null;
  category: Ref;
  unit: Ref;
  received_at: string;
  answered_at: string;
  days_taken: number;
  answer: string;
  timeliness: string | null;
  rating: number | null;
  timeline?: FeedbackEvent[];
}

export const missingLabels: Record<string, string> = {
  'sender.name': 'họ và tên',
  'sender.address': 'địa chỉ',
  'sender.phone': 'số điện thoại hoặc thư điện tử',
  content: 'nội dung',
};

export const feedbackRoles = ['clerk', 'desk_officer', 'specialist', 'leader'];

// The item's place on a map, when the sender gave coordinates.
export function placeOf(i: { latitude?: number | null; longitude?: number | null }) {
  return i.latitude != null && i.longitude != null ? { lat: i.latitude, lon: i.longitude } : null;
}
