/** The shortest password the studio accepts, stated on every form that sets one. */
export const MIN_PASSWORD_LENGTH = 8;
