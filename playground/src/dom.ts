/** A tiny element builder, so that views are written as trees of calls. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { readonly [name: string]: string } = {},
  ...children: readonly (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "class") element.className = value;
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
