import { notFound } from "next/navigation";
import { ServiceCard } from "@/components/service-card";
import { StateChip } from "@/components/state-chip";
import { UpdatedLine } from "@/components/updated-line";
import { DISPLAY_STATES } from "@/core/function-state";
import { listServices } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { isLang, t } from "@/lib/i18n";

export const dynamic = "force-dynamic";

// The summary carries no zone of its own; every configured contract uses Korean time.
const TIME_ZONE = "Asia/Seoul";

export default async function HomePage({ params }: { params: Promise<{ lang: string }> }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const m = t(lang);
  const now = new Date();
  const services = await listServices(await getDb(), now);

  return (
    <>
      <h1>{m.homeTitle}</h1>
      <p className="lead">{m.homeIntro}</p>
      <UpdatedLine iso={now.toISOString()} lang={lang} timeZone={TIME_ZONE} />

      <section aria-labelledby="services-heading">
        <h2 id="services-heading">{m.servicesHeading}</h2>
        {services.length === 0 ? (
          <p className="empty">{m.noServices}</p>
        ) : (
          <div className="card-grid">
            {services.map((s) => (
              <ServiceCard key={s.slug} service={s} lang={lang} timeZone={TIME_ZONE} now={now.toISOString()} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="legend-heading" className="state-legend">
        <h2 id="legend-heading">{m.stateLegendHeading}</h2>
        <dl>
          {DISPLAY_STATES.map((s) => (
            <div key={s}>
              <dt>
                <StateChip state={s} lang={lang} />
              </dt>
              <dd>{m.stateHelp[s]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
