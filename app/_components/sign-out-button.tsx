"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/app/_lib/auth-client";

export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    await authClient.signOut();
    // refresh() re-renders the server layout, which reads the (now absent) session.
    router.replace("/sign-in");
    router.refresh();
  }

  return (
    <button type="button" className="button button--quiet" onClick={signOut} disabled={pending}>
      Sign out
    </button>
  );
}
