import { z } from "zod";

export const IdParams = z.strictObject({ id: z.uuid({ message: "must be an id (UUID)" }) });
export const PageQuery = {
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const DisplayName = z.string().trim().min(1, "enter a name").max(60, "at most 60 characters");
export const Password = z.string().min(1, "enter a password").max(128, "at most 128 characters");
export const Login = z.string().trim().min(1, "enter an e-mail address, mobile number or user name").max(254);
export const Otp = z.string().regex(/^\d{6}$/, "the code has 6 digits");
