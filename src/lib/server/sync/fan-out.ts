// Where an accepted update goes besides this node's own connections. A room publishes each update
// only after it is stored, as it relays it. On one node every connection of a room is on it; on
// several (cluster/) every room of a board lives on the board's owner, and the other nodes pipe
// their connections there, so the room's relay reaches every connection either way and nothing
// needs to go anywhere else: `singleNode` is the one implementation. (y-redis and Hocuspocus's
// Redis extension share rooms across nodes instead; one owner per board made that unnecessary.)

export interface FanOut {
	/** Hands on an update of `room` that is stored and relayed here. */
	publish(room: string, update: Uint8Array): void;
}

/** Every connection of a room is where the room is, so the relay has reached them all. */
export const singleNode: FanOut = { publish() {} };
