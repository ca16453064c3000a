/** The environment variable naming the lab folder, for the dtcl.exe and cluster.exe emulators. */
export const LAB_FOLDER_ENV = 'EXCH_HA_LAB';
