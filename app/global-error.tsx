'use client';
// The root layout itself failed (its header reads the session and workspaces from the database): the same notice,
// in a frame of its own since this replaces the layout.
import { ErrorNotice } from './_components/error-notice';
import './globals.css';

export default function GlobalError(): React.JSX.Element {
  return (
    <html lang="en">
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <main id="main">
          <ErrorNotice />
        </main>
      </body>
    </html>
  );
}
