// Small DOM helpers shared by the pages: build elements without innerHTML, so no server value is ever parsed as HTML.

/** An element with attributes (`class`, `for`, `aria-*`, `data-*` …; booleans add or leave out) and children. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

/** The element with this id; throws when the page lacks it (a page and its script out of step). */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`page has no element #${id}`);
  }
  return element;
}

/** The content of `<meta name="…">`, or '' when absent. */
export function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
}
