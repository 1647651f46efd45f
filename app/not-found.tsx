import Link from "next/link";

export default function NotFound() {
  return (
    <section className="refusal">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Back to your timelines</Link>
      </p>
    </section>
  );
}
