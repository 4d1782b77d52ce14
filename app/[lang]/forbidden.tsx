import { ForbiddenMessage } from "@/components/forbidden-message";

/** A signed-in user whose role may not see a page: 403. */
export default function Forbidden() {
  return <ForbiddenMessage />;
}
