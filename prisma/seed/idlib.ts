// The demo timeline seeded on first start: the Syrian regime's advance on Idlib in December 2019, written
// strictly from one Le Monde article (25 December 2019). Each entry cites it with a verbatim quote; the
// UN and the Syrian Observatory for Human Rights are cited where a figure is theirs. Dates are as precise
// as the article allows; entries whose dating is inferred rather than stated are left "needs-review".
import type * as Y from "yjs";
import { addEntry, initTimeline, type TBodyBlock, type TBodyInline, type TEntryInput } from "../../lib/timeline/ops";
import type { TSource } from "../../lib/timeline/schema";

export const IDLIB_TITLE = "Idlib: the regime's advance and the exodus";

export const IDLIB_SUMMARY =
  "From the 2011 uprising to Christmas 2019: how the Damascus regime's reconquest reached Idlib province, " +
  "the last bastion of the insurgency, and emptied the town of Maarat Al-Nouman.";

// The article's canonical English URL is not known for certain: this is its likely address on lemonde.fr.
const ARTICLE_URL =
  "https://www.lemonde.fr/en/international/article/2019/12/25/in-idlib-the-advance-of-the-regime-causes-an-exodus";

const article = (quote: string): TSource => ({
  title: "In Idlib, the advance of the regime causes an exodus",
  publisher: "Le Monde",
  url: ARTICLE_URL,
  accessed: "2019-12-25",
  quote,
});

const UN: TSource = { title: "Displacement figure, as cited by Le Monde", publisher: "United Nations (UN)" };
const SOHR: TSource = { title: "Civilian death toll, as cited by Le Monde", publisher: "Syrian Observatory for Human Rights" };

// Verbatim from the article, stray spaces before punctuation included.
const Q = {
  uprising: "In October, while on the Idlib front, a first since the uprising began in 2011, President Bashar " +
    "Al-Assad had reaffirmed his determination to retake this region, where a fragile truce then reigned.",
  bastion: "The exodus resulted from the advance of government troops in the south of Idlib province, the last " +
    "bastion of the anti-Assad insurgency.",
  aleppo: "This offensive is part of the vast reconquest movement started by the Damascus regime at the end of " +
    "2016, with the resumption of East Aleppo.",
  territory: "The Syrian government, which has won victories over the rebellion since that date, now controls " +
    "more than 70% of the territory.",
  sochi: "The reopening of the M5 to traffic was included in the Idlib demilitarization agreement, concluded on " +
    "the shores of the Black Sea in Sochi, in September 2018, between Turkey, support of the insurgents, and " +
    "Russia, protector of Damascus.",
  compromise: "But the compromise, which also included a halt to the bombing and a withdrawal of the HTC from a " +
    "band 15 to 20 km wide along the front, was violated by all parties.",
  violated: "Ankara failed to neutralize the jihadist group, while Moscow did not really seek to curb the " +
    "appetite for regaining the regime.",
  khanCheikhoun: "This lull had been decreed after a first offensive, between April and August, which had " +
    "allowed the regime to seize Khan Cheikhoun.",
  m5: "The new operation, which is an extension, aims to dislodge the rebels from the segment of the M5 " +
    "motorway, a strategic axis between the north and the south of the country, which passes through the " +
    "localities of Saraqeb and Maarat Al-Nouman .",
  openAleppo: "In doing so, the Syrian government hopes to open up Aleppo, the big city of North Syria, by " +
    "connecting it again directly to Damascus, the capital.",
  toll: "In two weeks, the bombings on this region, dominated by the jihadist group Hayat Tahrir Al-Cham (HTC), " +
    "displaced nearly 130,000 people, according to the United Nations (UN), and caused the death of a hundred " +
    "civilians , according to the Syrian Observatory for Human Rights.",
  lastWeek: "Last week, like a Caribbean city approaching a cyclone, Maarat Al-Nouman, a trading hub in " +
    "northwestern Syria, was emptied of its people.",
  fled: "In a matter of days, tens of thousands of people fled, piling up in trucks and cars, filled to the brim " +
    "with mattresses, blankets and kitchen utensils.",
  video: "The aerial video, shot on Tuesday December 24, shows a completely frozen ghost town, an expanse of " +
    "concrete bathed in dead silence.",
  photo: "Convoys fled Maarat Al-Nouman, south of Idlib, on December 24. MAHMOUD HASSANO / REUTERS",
  villages: "On Wednesday, December 25, loyalist troops, which captured 40 villages, were only 4 kilometers from " +
    "Maarat Al-Nouman and also threatened the nearby town of Saraqeb, a little further north.",
};

// The photo illustrating the article; no public URL for it is known, so it is cited rather than embedded.
const PHOTO: TSource = {
  title: "Photograph of convoys leaving Maarat Al-Nouman, as captioned in Le Monde",
  publisher: "Reuters",
  quote: Q.photo,
};

const text = (t: string | TBodyInline): TBodyInline => (typeof t === "string" ? { text: t } : t);
const p = (...content: Array<string | TBodyInline>): TBodyBlock => ({ type: "paragraph", content: content.map(text) });
const ul = (...items: string[]): TBodyBlock => ({ type: "bulletList", items: items.map((i) => [text(i)]) });
const bold = (t: string): TBodyInline => ({ text: t, bold: true });
const italic = (t: string): TBodyInline => ({ text: t, italic: true });
const leMonde: TBodyInline = { text: "Le Monde", italic: true, href: ARTICLE_URL };

// The two weeks of bombing counted back from the article's date.
const TWO_WEEKS = { start: "2019-12", end: "2019-12-25", displayDate: "The two weeks to 25 December 2019" };

/** In chronological order, as listEntries() returns them. */
export const IDLIB_ENTRIES: Array<TEntryInput & { id: string }> = [
  {
    id: "idlib-2011-uprising",
    start: "2011",
    headline: "The uprising against Bashar Al-Assad begins",
    body: [p("Syrians rise up against the regime of President ", bold("Bashar Al-Assad"), ". By the end of 2019, ",
      "Idlib province is the ", italic("last bastion"), " of the anti-Assad insurgency.")],
    sources: [article(Q.uprising), article(Q.bastion)],
    group: "Politics",
    tags: ["uprising", "assad"],
    status: "verified",
  },
  {
    id: "idlib-2016-east-aleppo",
    start: "2016",
    displayDate: "End of 2016",
    headline: "The regime retakes East Aleppo and begins its reconquest",
    body: [
      p("Taking back East Aleppo, the Damascus regime starts a ", bold("vast reconquest"), " of the country."),
      p("Victory after victory over the rebellion follows: by December 2019 the government controls ",
        bold("more than 70%"), " of Syria's territory."),
    ],
    sources: [article(Q.aleppo), article(Q.territory)],
    group: "Military",
    tags: ["aleppo", "reconquest"],
    status: "verified",
  },
  {
    id: "idlib-2018-sochi-agreement",
    start: "2018-09",
    headline: "Turkey and Russia agree in Sochi to demilitarise Idlib",
    body: [
      p("On the Black Sea shore in ", bold("Sochi"), ", Turkey, which backs the insurgents, and Russia, which ",
        "protects Damascus, conclude an agreement on Idlib. It provides for:"),
      ul("a halt to the bombing;",
        "the withdrawal of the jihadist group HTC from a band 15 to 20 km wide along the front;",
        "the reopening of the M5 motorway to traffic."),
    ],
    sources: [article(Q.sochi), article(Q.compromise)],
    group: "Diplomacy",
    tags: ["sochi", "turkey", "russia", "htc", "m5"],
    status: "verified",
  },
  {
    id: "idlib-2018-sochi-violated",
    start: "2018-09",
    qualifier: "after",
    headline: "Every party violates the Sochi agreement",
    body: [p(bold("Ankara"), " does not manage to neutralise HTC, and ", bold("Moscow"),
      " makes little real effort to rein in the regime's ambition to win back ground.")],
    sources: [article(Q.compromise), article(Q.violated)],
    group: "Diplomacy",
    tags: ["sochi", "turkey", "russia", "htc"],
    // The article does not say when the violations happened.
    status: "needs-review",
  },
  {
    id: "idlib-2019-khan-cheikhoun-offensive",
    start: "2019-04",
    end: "2019-08",
    headline: "A first offensive wins Khan Cheikhoun for the regime",
    body: [p("From April to August, a first regime offensive in the Idlib region ends with the capture of ",
      bold("Khan Cheikhoun"), ".")],
    sources: [article(Q.khanCheikhoun)],
    group: "Military",
    tags: ["offensive", "khan-cheikhoun"],
    status: "verified",
  },
  {
    id: "idlib-2019-fragile-truce",
    start: "2019-08",
    qualifier: "after",
    headline: "A fragile truce follows",
    body: [p("A lull is decreed once the April–August offensive is over. In October the truce still holds, ",
      italic("fragile"), ".")],
    sources: [article(Q.khanCheikhoun), article(Q.uprising)],
    group: "Military",
    tags: ["truce"],
    // When exactly the lull was decreed is not stated.
    status: "needs-review",
  },
  {
    id: "idlib-2019-assad-visits-front",
    start: "2019-10",
    headline: "Assad visits the Idlib front, a first since 2011",
    body: [p("On his first visit to the Idlib front since the uprising began, President ", bold("Bashar Al-Assad"),
      " repeats that he is determined to retake the region.")],
    sources: [article(Q.uprising)],
    group: "Politics",
    tags: ["assad"],
    status: "verified",
  },
  {
    id: "idlib-2019-m5-offensive",
    start: "2019-12",
    headline: "A new offensive targets the M5 motorway",
    body: [
      p("Extending the April–August offensive, government troops push into the south of Idlib province. Their goal is ",
        "to drive the rebels off the stretch of the ", bold("M5 motorway"), ", Syria's strategic north–south ",
        "axis, that runs through ", italic("Saraqeb"), " and ", italic("Maarat Al-Nouman"), "."),
      p("Damascus hopes to open up Aleppo, the big city of the north, by linking it directly to the capital ",
        "again, reports ", leMonde, "."),
    ],
    sources: [article(Q.m5), article(Q.openAleppo)],
    group: "Military",
    tags: ["offensive", "m5", "aleppo", "saraqeb", "maarat-al-nouman"],
    // The article implies, without stating it, that the offensive began in December.
    status: "needs-review",
  },
  {
    id: "idlib-2019-130000-displaced",
    ...TWO_WEEKS,
    headline: "Nearly 130,000 people displaced in two weeks",
    body: [p("Two weeks of bombing on the region, which is dominated by the jihadist group Hayat Tahrir Al-Cham ",
      "(HTC), displace nearly ", bold("130,000 people"), ", according to the ", italic("United Nations"), ".")],
    sources: [article(Q.toll), UN],
    group: "Humanitarian",
    tags: ["displaced", "bombing"],
    status: "verified",
  },
  {
    id: "idlib-2019-civilian-deaths",
    ...TWO_WEEKS,
    headline: "About 100 civilians killed",
    body: [p("The same two weeks of bombing kill about ", bold("100 civilians"), ", according to the ",
      italic("Syrian Observatory for Human Rights"), ".")],
    sources: [article(Q.toll), SOHR],
    group: "Humanitarian",
    tags: ["civilians", "bombing"],
    status: "verified",
  },
  {
    id: "idlib-2019-maarat-exodus",
    start: "2019-12-16",
    end: "2019-12-22",
    headline: "Tens of thousands flee Maarat Al-Nouman",
    body: [p("Within days, ", bold("Maarat Al-Nouman"), ", a trading hub of north-western Syria, empties. ",
      "Tens of thousands of people leave in trucks and cars piled high with mattresses, blankets and kitchen ",
      "utensils.")],
    sources: [article(Q.lastWeek), article(Q.fled)],
    group: "Humanitarian",
    tags: ["exodus", "maarat-al-nouman"],
    // "Last week" in an article of Wednesday 25 December: the dates are inferred.
    status: "needs-review",
  },
  {
    id: "idlib-2019-maarat-ghost-town",
    start: "2019-12-24",
    headline: "Convoys leave; aerial video shows a ghost town",
    body: [p("Convoys flee ", bold("Maarat Al-Nouman"), ", south of Idlib. Aerial footage shot that Tuesday shows ",
      "a deserted town, frozen in ", italic("dead silence"), ".")],
    sources: [article(Q.video), PHOTO],
    group: "Humanitarian",
    tags: ["exodus", "maarat-al-nouman"],
    status: "verified",
  },
  {
    id: "idlib-2019-40-villages",
    start: "2019-12-25",
    headline: "Loyalist troops 4 km from Maarat Al-Nouman",
    body: [p("After capturing ", bold("40 villages"), ", loyalist forces are only 4 km from Maarat Al-Nouman and ",
      "also threaten ", bold("Saraqeb"), ", a little further north, reports ", leMonde, ".")],
    sources: [article(Q.villages)],
    group: "Military",
    tags: ["offensive", "maarat-al-nouman", "saraqeb"],
    status: "verified",
  },
];

/** Writes the demo into an empty doc, in one transaction so that it is stored as a single update. */
export function buildIdlibTimeline(doc: Y.Doc, opts: { userId?: string; now?: Date }): void {
  doc.transact(() => {
    initTimeline(doc, { title: IDLIB_TITLE, summary: IDLIB_SUMMARY, language: "en", scale: "human" }, opts);
    for (const { id, ...entry } of IDLIB_ENTRIES) addEntry(doc, entry, { ...opts, id });
  });
}
