// Set while this page signs its person out: the server then closes their sync sockets as "rights
// changed", and a board page should leave the next page to the sign-out, not reload its own data.
let signingOut = false;

export function markSigningOut(): void {
	signingOut = true;
}

export function isSigningOut(): boolean {
	return signingOut;
}
