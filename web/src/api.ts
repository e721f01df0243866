// API client: JSON in and out, the CSRF token on writes, and errors as ApiError with the
// server's Vietnamese message (or a Vietnamese fallback) — never raw JSON for people.

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
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
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

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown = {}) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

export interface UploadedFile {
  id: number;
  name: string;
  size: number;
  content_type: string;
  sha256: string;
}

// Uploads one file (POST /api/v1/files, the raw bytes) and reports progress from 0 to 1.
// XMLHttpRequest because fetch cannot report upload progress.
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/files?name=' + encodeURIComponent(file.name));
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
        resolve(data as UploadedFile);
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
