// Where an accepted update goes besides this node's own connections: to the other nodes that have the
// room open, once Gongjian runs on several machines (a later issue; y-redis and Hocuspocus's Redis
// extension are the two proven ways). A room publishes each update only after it is stored, as it
// relays it. Today there is one node, so nothing goes anywhere: `singleNode` is the implementation.
// Receiving other nodes' updates comes with the first implementation that has any to give.

export interface FanOut {
	/** Hands on an update of `room` that is stored and relayed here. */
	publish(room: string, update: Uint8Array): void;
}

/** One node: every connection of a room is on it, so the relay has reached them all. */
export const singleNode: FanOut = { publish() {} };
