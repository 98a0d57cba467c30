'use client';
// Progress for a long action (an import, a save that re-anchors every annotation): what is happening, how far —
// bytes sent while uploading, then the time spent while the server works — in a live region, so a screen reader
// hears it too. `postWithUploadProgress` sends a body with XMLHttpRequest, whose upload events fetch lacks.
import { useEffect, useState } from 'react';

export type LongAction = {
  /** "Uploading the file", "Importing the annotations" */
  label: string;
  startedAt: number;
  /** bytes sent so far and in all (uploading); null: the server is working, length unknown */
  loaded: number | null;
  total: number | null;
};

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

/** A bar (determinate while uploading), the step in words and the seconds it has taken. */
export function LongActionProgress({ action, testId = 'long-action' }: { action: LongAction | null; testId?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!action) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [action]);
  if (!action) return null;
  const seconds = Math.max(0, Math.floor((now - action.startedAt) / 1000));
  const determinate = action.loaded !== null && action.total !== null && action.total > 0;
  return (
    <div className="space-y-1" data-testid={testId}>
      <progress className="w-full" aria-label={action.label} max={determinate ? (action.total ?? 1) : undefined} value={determinate ? (action.loaded ?? 0) : undefined} />
      <p role="status" className="text-sm text-stone-700">
        {action.label}
        {determinate ? ` — ${mb(action.loaded ?? 0)} of ${mb(action.total ?? 0)} MB` : '…'} ({seconds} s)
      </p>
    </div>
  );
}

export type UploadResponse = { status: number; json: unknown };

/** POSTs `body` as JSON, reporting the upload's progress; resolves with the status and the parsed answer. */
export function postWithUploadProgress(url: string, body: string, onProgress: (loaded: number, total: number) => void, onUploaded: () => void): Promise<UploadResponse> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('content-type', 'application/json');
    request.setRequestHeader('accept', 'application/json');
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.length);
    request.upload.onload = () => onUploaded();
    request.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(request.responseText);
      } catch {
        json = null;
      }
      resolve({ status: request.status, json });
    };
    request.onerror = () => reject(new Error('network'));
    request.send(body);
  });
}
