/** Route handle: the breadcrumb text of a route, read by the layout. */
export interface Crumb {
  /** i18n key of the crumb's text. */
  crumb: string;
}
