import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { getViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { DEFAULT_LANG, isLang, t } from "@/lib/i18n";
import "../globals.css";

type Props = { children: ReactNode; params: Promise<{ lang: string }> };

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang: raw } = await params;
  const lang = isLang(raw) ? raw : DEFAULT_LANG;
  const m = t(lang);
  return {
    title: { default: `${m.siteName} · ${m.siteTagline}`, template: `%s · ${m.siteName}` },
    description: m.homeIntro,
    // Next would resolve these against the address it listens on (the loopback port behind the edge)
    metadataBase: new URL(`${env.publicUrl}/`),
    alternates: { languages: { ko: "/ko", en: "/en" } },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d3557" };

/**
 * The root layout sits under [lang] so <html lang> is right on every page. An
 * unsupported language still gets a layout (in Korean) so that the page's
 * notFound() renders the 404 page inside it.
 */
export default async function RootLayout({ children, params }: Props) {
  const { lang: raw } = await params;
  const lang = isLang(raw) ? raw : DEFAULT_LANG;
  // Only a request carrying a session cookie is signed in; those never reach the public page cache.
  const viewer = await getViewer();
  return (
    <html lang={lang}>
      <body>
        <a className="skip-link" href="#main">
          {t(lang).skipToContent}
        </a>
        <SiteHeader lang={lang} account={viewer?.displayName ?? null} />
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter lang={lang} />
      </body>
    </html>
  );
}
