// An invite token that was never issued (or whose workspace is gone).
import Link from 'next/link';

export default function InviteNotFound() {
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">This invite link is not valid</h1>
      <p className="mt-2 text-stone-600">Check that you copied the whole link, or ask an owner of the workspace for a new one.</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        Back to the library
      </Link>
    </div>
  );
}
