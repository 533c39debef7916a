export { getCart, addItem, updateItem, selectItems, removeItem, mergeCart, quoteCart, pricedView, removeCartItems, type CartEntry, type CartView, type GuestItem } from "./service.js";
export { carts, cartItems } from "./schema.js";
