import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getCurrentUser } from "@/app/_lib/session";
import { SignOutButton } from "@/app/_components/sign-out-button";
import "./globals.css";

// Every page shows who is signed in, so none can be prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Dateline",
  description: "Build a verified chronology together, live.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="site-header__brand">
            Dateline
          </Link>
          {user && (
            <div className="site-header__user">
              <span className="site-header__name" title={user.email}>
                {user.name}
              </span>
              <SignOutButton />
            </div>
          )}
        </header>
        <main className="site-main">{children}</main>
      </body>
    </html>
  );
}
