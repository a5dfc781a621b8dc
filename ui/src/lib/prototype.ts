/**
 * Freezes a prototype the way Tauri's `freezePrototype` does, except that an object inheriting
 * from it may still give itself an own `toString`, `constructor`, … (what SES calls "property
 * overrides"). With a plain freeze such an assignment throws in strict mode (the "override
 * mistake"), and the chart libraries (d3 inside recharts, decimal.js-light) do exactly that at
 * load: the window went blank. The prototype itself stays unchangeable: no property can be
 * added, removed, redefined or assigned on it.
 */
export function freezeAllowingOverrides(proto: object): void {
  for (const key of Reflect.ownKeys(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.writable) continue;
    const value: unknown = desc.value;
    Object.defineProperty(proto, key, {
      get: () => value,
      set(this: object, next: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a frozen prototype`);
        Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
  Object.freeze(proto);
}
