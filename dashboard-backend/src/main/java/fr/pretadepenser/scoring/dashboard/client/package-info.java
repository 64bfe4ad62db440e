/**
 * The client file ({@code GET /api/clients/{id}}): application in plain words, history summary,
 * latest decision and its explanation; search by id prefix; the comparisons with the training
 * population and the other clients (distribution, bivariate, most similar).
 */
package fr.pretadepenser.scoring.dashboard.client;
