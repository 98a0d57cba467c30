'use client';
// Links GitHub or Google to the signed-in account: the provider's callback arrives with this session, so
// the provider is joined to this account whatever its email (lib/auth/options.ts).
import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { buttonStyles } from '@/app/_components/form-controls';

export function LinkProviderButtons({ providers }: { providers: { id: string; name: string }[] }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="mt-3 flex flex-wrap gap-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          className={buttonStyles.secondary}
          disabled={pending !== null}
          onClick={() => {
            setPending(p.id);
            void signIn(p.id, { callbackUrl: '/settings/account' });
          }}
        >
          {pending === p.id ? `Opening ${p.name}…` : `Link ${p.name}`}
        </button>
      ))}
    </div>
  );
}
