package io.modelway.training.engine;

/** Told after every epoch: which one, of how many, and the training and validation loss. */
@FunctionalInterface
public interface EpochListener {

    void onEpoch(int epoch, int epochs, double trainLoss, double validationLoss);
}
