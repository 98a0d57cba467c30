'use client';
// A page that failed to render: a friendly notice instead of Next's default (a database outage is named as such).
import { ErrorNotice } from './_components/error-notice';

export default function ErrorPage(): React.JSX.Element {
  return <ErrorNotice />;
}
