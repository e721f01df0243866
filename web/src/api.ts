// API client: JSON in and out, the CSRF token on writes, and errors as ApiError with the
// server's Vietnamese message (or a Vietnamese fallback) — never raw JSON for people.
//
// Paths are checked against the server's OpenAPI document: src/generated/api.ts is generated
// from it (scripts/web-types), so a route the server renames or drops, or a method it stops
// accepting, fails the front end's type check instead of failing people.
import type { paths } from './generated/api';

export type Method = 'get' | 'post' | 'put' | 'delete';
// The declared paths that accept a method.
type Declared<M extends Method> = { [P in keyof paths]: paths[P] extends { [K in M]: object } ? P : never }[keyof paths];
// A declared path with its {placeholders} filled by any text.
type Filled<P extends string> = P extends `${infer Head}{${string}}${infer Tail}` ? `${Head}${string}${Filled<Tail>}` : P;
// What the client may call with a method: a declared path, filled, with or without a query.
export type ApiPath<M extends Method> = Filled<Declared<M>> | `${Filled<Declared<M>>}?${string}`;
// The JSON answer a route declares (where the server publishes a response schema).
export type ResponseBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer R } } };
}
  ? R
  : never;
// The JSON body a route declares (request schemas are published for every write).
export type RequestBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields: Record<string, string> = {},
    public details: unknown = null,
  ) {
    super(message);
  }
}

// Field errors keyed by path: nested groups ({"form_data": {"purpose": …}}) become "form_data.purpose".
function fieldErrors(fields: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fields || typeof fields !== 'object') return out;
  for (const [k, v] of Object.entries(fields as Record<string, unknown>)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, fieldErrors(v, prefix + k + '.'));
  }
  return out;
}

let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}

const fallback: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ.',
  401: 'Vui lòng đăng nhập để tiếp tục.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu yêu cầu.',
  409: 'Dữ liệu vừa được người khác thay đổi. Vui lòng tải lại trang.',
  413: 'Dữ liệu gửi lên quá lớn.',
  422: 'Dữ liệu nhập chưa hợp lệ, vui lòng kiểm tra lại.',
  429: 'Bạn thao tác quá nhanh. Vui lòng đợi một chút rồi thử lại.',
  500: 'Hệ thống gặp sự cố. Vui lòng thử lại sau.',
  503: 'Hệ thống đang bận. Vui lòng thử lại sau.',
  507: 'Máy chủ đã hết dung lượng lưu trữ nên chưa ghi được dữ liệu. Vui lòng thử lại sau.',
};

// A fresh Idempotency-Key: the server answers a POST sent again with the same key (after a lost
// reply) with its first answer instead of acting twice. getRandomValues, unlike randomUUID,
// also works on plain-http intranet addresses.
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Answers after which the same POST is sent again with the same key: the reply was lost or the
// gateway gave up (the server may have acted — the key makes that safe), or the first attempt is
// still running on the server.
function worthRetrying(status: number, code: string): boolean {
  return status === 0 || status === 502 || status === 504 || code === 'idempotency.in_progress';
}

export async function api<T, M extends Method = Method>(method: Uppercase<M>, path: ApiPath<M>, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  // Logins, registrations and tokens are not retried: the server keeps no answer for them.
  if (method !== 'POST' || path.startsWith('/api/v1/auth/')) return send<T>(method, path, headers, body, signal);
  headers['Idempotency-Key'] = newIdempotencyKey();
  for (let attempt = 1; ; attempt++) {
    try {
      return await send<T>(method, path, headers, body, signal);
    } catch (err) {
      if (!(err instanceof ApiError) || !worthRetrying(err.status, err.code) || attempt >= 4 || signal?.aborted) throw err;
      await sleep(500 * attempt);
    }
  }
}

async function send<T>(method: string, path: string, headers: Record<string, string>, body: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.');
  }
  if (res.status === 204) return undefined as T;
  let data: any = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data?.error;
    const message = typeof e?.message === 'string' ? e.message : fallback[res.status] ?? fallback[500];
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status, message, fieldErrors(e?.details?.fields), e?.details ?? null);
  }
  return data as T;
}

export const get = <T>(path: ApiPath<'get'>, signal?: AbortSignal) => api<T, 'get'>('GET', path, undefined, signal);
export const post = <T>(path: ApiPath<'post'>, body: unknown = {}) => api<T, 'post'>('POST', path, body);
export const put = <T>(path: ApiPath<'put'>, body: unknown = {}) => api<T, 'put'>('PUT', path, body);
export const del = <T>(path: ApiPath<'delete'>) => api<T, 'delete'>('DELETE', path);

export interface UploadedFile {
  id: number;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
}

// Uploads one file (the raw bytes; by default to POST /api/v1/files, or to `target`, a route
// taking ?name=) and reports progress from 0 to 1. XMLHttpRequest because fetch cannot report
// upload progress.
export function uploadFile<T = UploadedFile>(file: File, onProgress: (fraction: number) => void, target = '/api/v1/files'): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', target + (target.includes('?') ? '&' : '?') + 'name=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng và thử lại.'));
    xhr.onload = () => {
      let data: any = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as T);
        return;
      }
      const e = data?.error;
      const message = typeof e?.message === 'string' ? e.message : fallback[xhr.status] ?? fallback[500];
      reject(new ApiError(xhr.status, e?.code ?? 'http_' + xhr.status, message, fieldErrors(e?.details?.fields), e?.details));
    };
    xhr.send(file);
  });
}

// A message for a person from any thrown value.
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.';
}
