/** Generic, declaration-driven document screens (list and form) for any registered document type. */
export { DocList } from './DocList';
export { DocForm } from './DocForm';
