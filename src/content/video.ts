/**
 * Videos come only from allow-listed hosts (YouTube, Vimeo). A URL or a pasted <iframe> embed code
 * is accepted; what is stored is the URL, and the public page embeds the privacy-enhanced player
 * (youtube-nocookie.com, player.vimeo.com) that the Content-Security-Policy lets in.
 */

/** The hosts a council member may name, as shown in the refusal message. */
export const ALLOWED_VIDEO_HOSTS = ['youtube.com', 'youtu.be', 'youtube-nocookie.com', 'vimeo.com'] as const;

/** The hosts an embedded player may come from (also the sanitiser's iframe allow-list). */
export const EMBED_HOSTS = ['www.youtube-nocookie.com', 'player.vimeo.com'] as const;

export type VideoSource =
  | { ok: true; url: string; embedUrl: string; provider: 'youtube' | 'vimeo' }
  | { ok: false; reason: 'invalid' | 'host' };

function hostAllowed(host: string): boolean {
  const h = host.toLowerCase();
  return ALLOWED_VIDEO_HOSTS.some((allowed) => h === allowed || h.endsWith(`.${allowed}`));
}

/** Reads a URL or an <iframe src="…"> snippet and checks its host against the allow-list. */
export function parseVideoSource(input: string): VideoSource {
  let text = input.trim();
  const iframe = /<iframe[^>]*\ssrc\s*=\s*["']([^"']+)["']/i.exec(text);
  if (iframe?.[1]) text = iframe[1];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'invalid' };
  if (!hostAllowed(url.hostname)) return { ok: false, reason: 'host' };
  const host = url.hostname.toLowerCase().replace(/^www\.|^m\./, '');
  const idPattern = /^[A-Za-z0-9_-]{6,20}$/;
  if (host === 'youtu.be' || host.endsWith('youtube.com') || host.endsWith('youtube-nocookie.com')) {
    let id: string | null = null;
    if (host === 'youtu.be') id = url.pathname.slice(1).split('/')[0] ?? null;
    else if (url.pathname === '/watch') id = url.searchParams.get('v');
    else {
      const match = /^\/(?:embed|shorts|live|v)\/([^/]+)/.exec(url.pathname);
      id = match?.[1] ?? null;
    }
    if (!id || !idPattern.test(id)) return { ok: false, reason: 'invalid' };
    return {
      ok: true,
      provider: 'youtube',
      url: `https://www.youtube.com/watch?v=${id}`,
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}`,
    };
  }
  const match = /^\/(?:video\/)?(\d{4,12})(?:\/|$)/.exec(url.pathname);
  if (!match?.[1]) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    provider: 'vimeo',
    url: `https://vimeo.com/${match[1]}`,
    embedUrl: `https://player.vimeo.com/video/${match[1]}`,
  };
}
