// Outgoing email (mentions). With SMTP_URL unset nothing is sent: notifications stay in the app.
import nodemailer from "nodemailer";
import type { TLogger } from "./log.ts";

export type TMail = { to: string; subject: string; text: string };

export interface TMailer {
  /** Resolves once the server accepted the message; never throws (a failed send is logged). */
  send(mail: TMail): Promise<boolean>;
  close(): void;
}

export const NO_MAILER: TMailer = { send: async () => false, close: () => undefined };

export function smtpMailer(url: string, from: string, log: TLogger): TMailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      try {
        await transport.sendMail({ from, ...mail });
        return true;
      } catch (err) {
        log.error({ err: (err as Error).message, to: mail.to }, "could not send an email");
        return false;
      }
    },
    close: () => transport.close(),
  };
}
