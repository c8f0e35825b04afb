// The link a complaint (or a restore request) is about, from what was pasted: a plain link as typed,
// or the link inside a share text (lib/links/share-text.ts). The text itself stays the raw input.
import { ActionError } from "@/lib/auth/action-result";
import { linksInPastedText } from "@/lib/links/share-text";

export type PastedLink = {
  /** The link to canonicalize and file under. */
  url: string;
  /** Set when the link came out of share text: how many links the text held. */
  shareText: { linksFound: number } | null;
};

/**
 * With several links in the text, `chosen` names the one meant (it must be one of them); without a
 * choice the portal asks (`askWhenSeveral`, the links in `linkChoices`) and the API takes the first.
 */
export function linkFromPasted(text: string, options: { chosen?: string | null; askWhenSeveral: boolean }): PastedLink {
  const pasted = linksInPastedText(text);
  if (pasted.kind === "link") return { url: pasted.url, shareText: null };
  const { urls } = pasted;
  if (urls.length === 0) throw new ActionError("invalid", "No link was found in the pasted text.", { url: ["validation.url.no_link"] });
  const shareText = { linksFound: urls.length };
  if (options.chosen) {
    if (!urls.includes(options.chosen)) {
      throw new ActionError("invalid", "The chosen link is not in the pasted text.", { url: ["validation.url.choice_not_in_text"], linkChoices: urls });
    }
    return { url: options.chosen, shareText };
  }
  if (urls.length > 1 && options.askWhenSeveral) {
    throw new ActionError("invalid", "The pasted text holds several links: choose one.", { url: ["validation.url.several_links"], linkChoices: urls });
  }
  return { url: urls[0]!, shareText };
}
