'use client';
// "Sign in" in the header, bringing the reader back to the page they were on.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export function SignInLink() {
  const pathname = usePathname();
  const isAuthPage = pathname === '/sign-in' || pathname === '/sign-up';
  const href = isAuthPage || pathname === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(pathname)}`;
  return (
    <Link
      href={href}
      className="inline-flex min-h-11 items-center rounded-md px-3 text-sm font-medium text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      Sign in
    </Link>
  );
}
