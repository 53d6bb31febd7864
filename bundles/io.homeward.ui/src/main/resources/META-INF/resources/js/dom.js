// Building the DOM. Every piece of data reaches the page as a text node or an attribute value, never as
// markup: this module is the only place elements are made, and it has no way to parse HTML.

/**
 * h('p', {class: 'x', onclick: fn}, 'text', child, [more]) — an element with attributes and children.
 * Attribute values false/null/undefined are left out; true gives an empty attribute; on* values are listeners;
 * `value` and `checked` are set as properties (what the user sees), not as default attributes.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' || name === 'checked') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends strings (as text), nodes and nested arrays of them; skips null, undefined and false. */
export function append(parent, ...children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, ...child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let nextId = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix = 'f') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
