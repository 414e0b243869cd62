/**
 * Small pictures beside records in the generic list and in link type-aheads (an item's main
 * image). A module registers a loader per document type from `renderer/<module>/index.ts`; the
 * loader gets the ids on screen and returns id -> image URL (a `data:image/...` thumbnail), read
 * through an index, never the full files. Types without a loader show no pictures.
 */
import { useEffect, useState } from 'react';
import type { Session } from '../../shared/api';

export type ThumbLoader = (s: Session, ids: readonly string[]) => Promise<Map<string, string>>;

const loaders = new Map<string, ThumbLoader>();

export function registerThumbnails(docType: string, loader: ThumbLoader): void {
  loaders.set(docType, loader);
}

export function thumbLoader(docType: string): ThumbLoader | undefined {
  return loaders.get(docType);
}

/** Only base64 image data URLs are shown (never a remote or script URL from a synced record). */
export function safeThumb(url: string | undefined): string | undefined {
  return url && /^data:image\/(png|jpeg|gif|webp);base64,/.test(url) ? url : undefined;
}

/**
 * Thumbnails of the given ids (loaded in batches as new ids appear; kept while mounted).
 * `version` changes when `ids` grows in place (the generic list appends to one array).
 */
export function useThumbs(session: Session, docType: string, ids: readonly string[], version: unknown): ReadonlyMap<string, string> {
  const [thumbs, setThumbs] = useState<ReadonlyMap<string, string>>(new Map());
  const [asked] = useState(() => new Set<string>());
  useEffect(() => {
    const load = thumbLoader(docType);
    if (!load) return;
    const fresh = ids.filter((id) => !asked.has(id));
    if (!fresh.length) return;
    for (const id of fresh) asked.add(id);
    // no cancellation: a later page must not drop an earlier page's answer
    load(session, fresh).then(
      (m) => {
        if (m.size) setThumbs((cur) => new Map([...cur, ...m]));
      },
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, docType, version, ids.length]);
  return thumbs;
}
