// The server's words for the values its API speaks (GET /api/v1/vocabularies): statuses,
// actions, channels, levels, kinds, roles — each value with its Vietnamese label. Screens take
// labels and choices from here instead of keeping copies; one request per page load.
import { type ResponseBody, get } from './api';
import { useLoad } from './use-load';

type Vocabularies = ResponseBody<'/api/v1/vocabularies', 'get'>;

let cached: Promise<Vocabularies> | null = null;
function loadVocabularies(): Promise<Vocabularies> {
  cached ??= get<Vocabularies>('/api/v1/vocabularies').catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}

export interface Words {
  // The label of `key`: '' while loading; the key itself when the server does not know it or
  // the vocabularies could not be loaded (better a code than an empty badge or link).
  label(vocabulary: string, key: string): string;
  // [key, label] choices, in the server's order ([] until loaded). `inForce` leaves out the
  // retired values (a level that has ended): for new entries, not for filters over old data.
  choices(vocabulary: string, options?: { inForce?: boolean }): [string, string][];
}

export function useWords(): Words {
  const state = useLoad(() => loadVocabularies(), []);
  const data = state.data;
  return {
    label: (vocabulary, key) => (data ? (data[vocabulary]?.find((t) => t.key === key)?.label ?? key) : state.error ? key : ''),
    choices: (vocabulary, options) =>
      (data?.[vocabulary] ?? []).filter((t) => !(options?.inForce && t.retired)).map((t) => [t.key, t.label]),
  };
}
