// Saving files: a slug for the name and a download through a temporary object URL.

/**
 * A file-name slug: lowercase ASCII letters, digits and hyphens, at most 60 characters.
 * @param {string|null|undefined} title
 * @returns {string} "document" when nothing usable is left
 */
export function slugify(title) {
  const slug = String(title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'document';
}

/**
 * Offers `content` as a download named `name`.
 * @param {string} name
 * @param {string} content
 * @param {string} type MIME type
 */
export function download(name, content, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
