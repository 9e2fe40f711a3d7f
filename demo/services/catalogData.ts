/** The demo shop's product ids and categories, shared by the services and the load generator. */
export const PRODUCT_COUNT = 300;
export const CATEGORIES = ['shoes', 'jackets', 'bags', 'watches', 'shirts', 'hats'] as const;
export const SEARCH_TERMS = ['running shoes', 'leather bag', 'rain jacket', 'smart watch', 'linen shirt', 'wool hat', 'sneakers', 'backpack'] as const;

export const productId = (n: number) => `p-${String(n).padStart(4, '0')}`;
export const randomProductId = () => productId(1 + Math.floor(Math.random() * PRODUCT_COUNT));
/** What shoppers ask for: a few products are popular (a quarter of the catalog gets about 60% of the views). */
export const popularProductId = () => productId(1 + Math.floor(PRODUCT_COUNT * Math.random() ** 3));
