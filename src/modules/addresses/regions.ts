import data from "./regions.json" with { type: "json" };
import { ValidationError } from "../../server/errors.js";

// Mainland China's provinces, cities and districts with their GB/T 2260 codes, from the
// Administrative-divisions-of-China data set (github.com/modood/Administrative-divisions-of-China,
// MIT licence): [[code, name, [[code, name, [[code, name], ...]], ...]], ...].
export type District = [code: string, name: string];
export type City = [code: string, name: string, districts: District[]];
export type Province = [code: string, name: string, cities: City[]];

const tree = data as Province[];
const provinceByCode = new Map(tree.map((p) => [p[0], p]));
const cityByCode = new Map(tree.flatMap((p) => p[2].map((c) => [c[0], { province: p, city: c }] as const)));

// Municipalities and county-level cities have a placeholder level ("市辖区", "县") that
// nobody writes on a parcel: "北京市 东城区", not "北京市 市辖区 东城区".
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

export const regionTree = (): Province[] => tree;
export const provinces = () => tree.map(([code, name]) => ({ code, name }));
export const citiesOf = (province: string) => (provinceByCode.get(province)?.[2] ?? []).map(([code, name]) => ({ code, name }));
export const districtsOf = (city: string) => (cityByCode.get(city)?.city[2] ?? []).map(([code, name]) => ({ code, name }));

// The names of a province, city and district that nest, e.g. "浙江省 杭州市 西湖区";
// 400 REGION_INVALID naming the first field that does not exist or does not belong.
export function regionPath(province: string, city: string, district: string): string {
  const p = provinceByCode.get(province);
  if (!p) throw new ValidationError("REGION_INVALID", `There is no province with the code "${province}"; choose one from the list.`, { field: "provinceCode" });
  const c = p[2].find((x) => x[0] === city);
  if (!c) throw new ValidationError("REGION_INVALID", `The city "${city}" is not in ${p[1]}; choose the city again.`, { field: "cityCode" });
  const d = c[2].find((x) => x[0] === district);
  if (!d) throw new ValidationError("REGION_INVALID", `The district "${district}" is not in ${c[1]}; choose the district again.`, { field: "districtCode" });
  return [p[1], c[1], d[1]].filter((n) => !PLACEHOLDER.test(n)).join(" ");
}
