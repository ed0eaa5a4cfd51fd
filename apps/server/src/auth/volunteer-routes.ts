import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  IdParamsSchema,
  InviteCreatedSchema,
  InviteCreateSchema,
  InviteInfoSchema,
  InvitePeekSchema,
  InviteSchema,
  JoinSchema,
  MeSchema,
  PinCodeRequestSchema,
  PinResetSchema,
  PinSetSchema,
  PinSignInSchema,
  PeopleInvitesCreateSchema,
  PeopleInvitesSchema,
} from '@xk/contract';
import { publicUrlOf } from '../stations/stations-routes';
import { errorReplies } from '../http-schemas';
import type { Access } from './access';
import { codeTransportNamed, currentCodeTransport } from './code-transport';
import { signedInReply } from './me';
import { createVolunteerService, inviteUnits } from './volunteer-service';

const tags = ['auth'];
const origin = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] });
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** Anyone: joining, PIN sign-in and reset are how a volunteer gets a session (each keyed lockout applies). */
const open: Access = { public: true };
/** A coordinator over the units of the invite's team and station (both, when it names both). */
const createInvite: Access = {
  role: 'coordinator',
  units: async (req, u) => {
    const body = req.body as { teamId?: number; stationId?: number };
    return [await u.team(body.teamId), await u.station(body.stationId)];
  },
};
/** Coordinators whose units overlap the campaign's scope; the handler keeps the invites whose team's and station's units they coordinate. */
const listInvites: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign(idOf(req))],
  filtered: "invites whose team's and station's units the caller coordinates",
};
/** The person themself, whoever they are (not a board or a token). */
const ownPin: Access = { self: (req) => (req.actor?.kind === 'person' ? req.actor.personId : undefined) };
/** A coordinator over one of the person's units (the person's memberships). */
const resetLinkFor: Access = { role: 'coordinator', units: (req, u) => u.person(idOf(req)) };
/** A coordinator over a unit of each person invited, in a campaign whose scope overlaps theirs. */
const invitePeople: Access = {
  role: 'coordinator',
  units: async (req, u) => [...(await u.people((req.body as { personIds?: number[] }).personIds ?? [])).values()].flatMap((units) => (units.length ? units : [0])),
  overlaps: async (req, u) => [await u.campaign(idOf(req))],
};

/**
 * Volunteers: invites (coordinators create, list and revoke them), joining from one, PIN sign-in,
 * setting a PIN, and resetting a forgotten one by a code (sent through the code transport) or by a
 * coordinator's one-time sign-in link.
 */
export const volunteerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  // XK_CODE_TRANSPORT is read here, at start: an unknown transport stops the hub with a clear message.
  const configured = codeTransportNamed(app.codeTransportName, app.log);
  const volunteers = createVolunteerService(db, { auth: app.auth, services: app.services, transport: () => currentCodeTransport(configured), log: app.log });
  const revokeInvite: Access = { role: 'coordinator', units: (req) => inviteUnits(db, idOf(req)) };

  // ─── invites (coordinators) ───
  app.post(
    '/campaigns/:id/invites',
    {
      config: { access: createInvite },
      schema: {
        tags,
        summary: "Invite volunteers to a campaign's team and/or station: expiring, revocable, usable maxUses times; the secret is shown only in this answer (audited), with the invite link `url`: `<public URL>/phone/#/join/<secret>`",
        params: IdParamsSchema,
        body: InviteCreateSchema,
        response: { 201: InviteCreatedSchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const invite = await volunteers.createInvite(req.actor!, req.params.id, req.body, origin(req));
      // The link printed on invite cards: XK_PUBLIC_URL when set, so a card works from any network the hub is reached on.
      return reply.status(201).send({ ...invite, url: `${publicUrlOf(app, req)}/phone/#/join/${invite.secret}` });
    },
  );
  app.post(
    '/campaigns/:id/invites/people',
    {
      config: { access: invitePeople },
      schema: {
        tags,
        summary: 'Invite people already in the hub (volunteers just imported): a personal one-time sign-in link each (`<public URL>/phone/#/link/<secret>`, shown only in this answer), sent by the code transport unless `send` is false; people who can already sign in are skipped (audited)',
        params: IdParamsSchema,
        body: PeopleInvitesCreateSchema,
        response: { 201: PeopleInvitesSchema, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await volunteers.invitePeople(req.actor!, req.params.id, req.body, publicUrlOf(app, req), origin(req))),
  );
  app.get(
    '/campaigns/:id/invites',
    { config: { access: listInvites }, schema: { tags, summary: "A campaign's invites in the caller's units, newest first (never their secrets)", params: IdParamsSchema, response: { 200: Type.Array(InviteSchema), ...errorReplies(401, 403, 404) } } },
    async (req) => volunteers.listInvites(req.actor!, req.params.id),
  );
  app.post(
    '/invites/:id/revoke',
    { config: { access: revokeInvite }, schema: { tags, summary: 'Revoke an invite (idempotent; who joined stays signed in; audited)', params: IdParamsSchema, response: { 200: InviteSchema, ...errorReplies(401, 403, 404) } } },
    async (req) => volunteers.revokeInvite(req.actor!, req.params.id, origin(req)),
  );

  // ─── joining and PINs (public: how a volunteer gets a session) ───
  app.post(
    '/auth/invites/peek',
    {
      config: { access: open },
      schema: { tags, summary: 'What an invite leads to, before joining; 404 with the reason (unknown, expired, used up, revoked) when it cannot be used', body: InvitePeekSchema, response: { 200: InviteInfoSchema, ...errorReplies(400, 404, 429) } },
    },
    async (req) => volunteers.peek(req.body.secret),
  );
  app.post(
    '/auth/join',
    {
      config: { access: open },
      schema: {
        tags,
        summary: 'Join from an invite with a name, a phone number and a 6-digit PIN; signs this phone in for 180 days (404 dead invite, 409 the phone already has an account, 429 locked)',
        body: JoinSchema,
        response: { 200: MeSchema, ...errorReplies(400, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const session = await volunteers.join(req.body, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.post(
    '/auth/pin',
    { config: { access: open }, schema: { tags, summary: "Sign in on a phone with its number and PIN (5 wrong PINs lock that phone's number, not the address)", body: PinSignInSchema, response: { 200: MeSchema, ...errorReplies(400, 401, 429) } } },
    async (req, reply) => {
      const session = await volunteers.pinSignIn(req.body.phone, req.body.pin, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.put(
    '/auth/pin',
    { config: { access: ownPin }, schema: { tags, summary: 'Set your own PIN (after a sign-in link, say)', body: PinSetSchema, response: { 204: Type.Null(), ...errorReplies(400, 401, 403) } } },
    async (req, reply) => {
      await volunteers.setPin(req.actor!, req.body.pin, origin(req));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/auth/pin/code',
    {
      config: { access: open },
      schema: { tags, summary: 'Ask for a one-time code to reset a forgotten PIN; always 202 (a known phone gets at most one code a minute, valid 10 minutes)', body: PinCodeRequestSchema, response: { 202: Type.Null(), ...errorReplies(400) } },
    },
    async (req, reply) => {
      await volunteers.requestCode(req.body.phone, origin(req));
      return reply.status(202).send(null);
    },
  );
  app.post(
    '/auth/pin/reset',
    { config: { access: open }, schema: { tags, summary: 'Set a new PIN with the code received, and sign this phone in', body: PinResetSchema, response: { 200: MeSchema, ...errorReplies(400, 401, 429) } } },
    async (req, reply) => {
      const session = await volunteers.resetWithCode(req.body, origin(req));
      return signedInReply(app, req, reply, session);
    },
  );
  app.post(
    '/people/:id/pin-reset',
    {
      config: { access: resetLinkFor },
      schema: {
        tags,
        summary: "A volunteer's forgotten PIN: a one-time sign-in link (24 h, the secret after `#/link/`) for the coordinator to send; signed in, the phone sets a new PIN (audited)",
        params: IdParamsSchema,
        response: { 201: Type.Object({ secret: Type.String() }), ...errorReplies(401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await volunteers.resetLink(req.actor!, req.params.id, origin(req))),
  );
};
