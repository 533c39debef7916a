import { world, type World } from "./world.js";

// The demo world as the inventory tests meet it: the platform's warehouse staff and the
// owners of the two demo shops, signed in.
export async function inventoryWorld(): Promise<{ w: World; staff: string; tea: string; bamboo: string }> {
  const w = await world({ seed: true });
  const [staff, tea, bamboo] = [await w.loginAs("warehouse"), await w.loginAs("owner@tea-house.example"), await w.loginAs("owner@bamboo.example")];
  return { w, staff, tea, bamboo };
}
