import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/session";

export const { GET, POST } = toNextJsHandler((request: Request) => auth().handler(request));
