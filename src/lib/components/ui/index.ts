export { default as Button } from './Button.svelte';
export { default as Field } from './Field.svelte';
export { default as Card } from './Card.svelte';
export { default as Badge } from './Badge.svelte';
export { inputClass } from './input-class.ts';
export { default as TextField } from './TextField.svelte';
export { default as FilterSelect } from './FilterSelect.svelte';
export { default as DialogPanel } from './DialogPanel.svelte';
