import { notFound } from "next/navigation";

/** Any other path under a language: the 404 page inside the layout, in that language. */
export default function UnknownPage(): never {
  notFound();
}
